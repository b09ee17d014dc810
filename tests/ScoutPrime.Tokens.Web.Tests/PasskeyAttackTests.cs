using System.Buffers.Text;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using static ScoutPrime.Tokens.Web.Tests.Infrastructure.PasskeyScreens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Forged, replayed, stale and foreign passkey answers: each a clear 4xx, nobody signed in, never a 500.</summary>
public sealed class PasskeyAttackTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Fact]
    public async Task A_tampered_challenge_is_refused()
    {
        var (key, _) = await MemberWithPasskeyAsync();
        using var attacker = app.CreateBrowser();
        var refused = await attacker.SignInWithPasskeyAsync(key, o => key.Get(o, challenge: Base64Url.EncodeToString(new byte[32])));
        await AssertRefusedAsync(attacker, refused, "That passkey was not accepted.");
    }

    [Fact]
    public async Task An_answer_for_another_origin_is_refused()
    {
        var (key, _) = await MemberWithPasskeyAsync();
        using var attacker = app.CreateBrowser();
        var refused = await attacker.SignInWithPasskeyAsync(key, o => key.Get(o, origin: "https://phish.example"));
        await AssertRefusedAsync(attacker, refused, "That passkey was not accepted.");
    }

    [Fact]
    public async Task A_replayed_assertion_is_refused()
    {
        var (key, _) = await MemberWithPasskeyAsync();
        using var victim = app.CreateBrowser();
        string? captured = null;
        Assert.Equal(HttpStatusCode.Redirect, (await victim.SignInWithPasskeyAsync(key, o => captured = key.Get(o))).Status);

        // Posted again in the same browser (its challenge is spent) and in another one (with a challenge of its own).
        using var attacker = app.CreateBrowser();
        var form = (await attacker.GetAsync(Login)).Form("form#passkey-sign-in");
        var again = await attacker.SubmitAsync(form, new Dictionary<string, string> { ["credential"] = captured! }, FromOrigin);
        await AssertRefusedAsync(attacker, again, "The passkey request expired or was already used.");

        await attacker.OptionsAsync(form);
        var withFreshChallenge = await attacker.SubmitAsync(form, new Dictionary<string, string> { ["credential"] = captured! }, FromOrigin);
        await AssertRefusedAsync(attacker, withFreshChallenge, "That passkey was not accepted.");
    }

    [Fact]
    public async Task A_repeated_signature_count_is_refused_as_a_cloned_authenticator()
    {
        var (key, _) = await MemberWithPasskeyAsync();
        using var browser = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInWithPasskeyAsync(key)).Status);

        using var clone = app.CreateBrowser();
        key.SignCount--;
        await AssertRefusedAsync(clone, await clone.SignInWithPasskeyAsync(key), "That passkey was not accepted.");
    }

    [Fact]
    public async Task An_assertion_claiming_another_user_is_refused()
    {
        var (mallory, _) = await MemberWithPasskeyAsync();
        var (_, victim) = await MemberWithPasskeyAsync();
        using var attacker = app.CreateBrowser();
        var victimHandle = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(victim.Id));
        var refused = await attacker.SignInWithPasskeyAsync(mallory, o => mallory.Get(o, userHandle: victimHandle));
        await AssertRefusedAsync(attacker, refused, "That passkey was not accepted.");
    }

    [Fact]
    public async Task A_challenge_answers_for_five_minutes_and_not_a_second_longer()
    {
        var (key, _) = await MemberWithPasskeyAsync();
        using var late = app.CreateBrowser();
        var form = (await late.GetAsync(Login)).Form("form#passkey-sign-in");
        var options = await late.OptionsAsync(form);
        app.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var stale = await late.SubmitAsync(form, new Dictionary<string, string> { ["credential"] = key.Get(options) }, FromOrigin);
        await AssertRefusedAsync(late, stale, "The passkey request expired or was already used.");

        using var inTime = app.CreateBrowser();
        form = (await inTime.GetAsync(Login)).Form("form#passkey-sign-in");
        options = await inTime.OptionsAsync(form);
        app.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, (await inTime.SubmitAsync(form, new Dictionary<string, string> { ["credential"] = key.Get(options) }, FromOrigin)).Status);
    }

    [Fact]
    public async Task A_locked_out_account_cannot_sign_in_with_its_passkey()
    {
        var (key, user) = await MemberWithPasskeyAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(user.Id))!, DateTimeOffset.MaxValue);
        }

        using var browser = app.CreateBrowser();
        await AssertRefusedAsync(browser, await browser.SignInWithPasskeyAsync(key), "This account cannot sign in at the moment.");
    }

    [Theory]
    [InlineData("{")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{\"id\":\"AAAA\",\"type\":\"public-key\",\"response\":{}}")]
    [InlineData("{\"id\":\"!!\",\"rawId\":\"!!\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"%%\",\"authenticatorData\":\"\",\"signature\":\"\"}}")]
    public async Task A_malformed_credential_is_a_400_not_a_500(string credential)
    {
        using var browser = app.CreateBrowser();
        var form = (await browser.GetAsync(Login)).Form("form#passkey-sign-in");
        await browser.OptionsAsync(form);
        var refused = await browser.SubmitAsync(form, new Dictionary<string, string> { ["credential"] = credential }, FromOrigin);
        await AssertRefusedAsync(browser, refused, "That passkey was not accepted.");
    }

    [Fact]
    public async Task An_oversized_credential_is_refused_before_it_is_read()
    {
        using var browser = app.CreateBrowser();
        var form = (await browser.GetAsync(Login)).Form("form#passkey-sign-in");
        await browser.OptionsAsync(form);
        var refused = await browser.SubmitAsync(form, new Dictionary<string, string> { ["credential"] = new string('a', 20_000) }, FromOrigin);
        await AssertRefusedAsync(browser, refused, "That passkey was not accepted.");
    }

    [Fact]
    public async Task A_new_passkey_answering_another_challenge_or_from_another_origin_is_not_added()
    {
        var (browser, _) = await app.SignInMemberAsync();
        using var key = new SoftPasskey();
        var form = (await browser.GetAsync(PasskeysPage)).Form("form#add-passkey");
        var options = await browser.OptionsAsync(form);
        var forged = options.Replace("\"challenge\":\"", "\"challenge\":\"AAAA", StringComparison.Ordinal);
        var refused = await browser.SubmitAsync(form, new Dictionary<string, string> { ["Name"] = "Forged", ["credential"] = key.Create(forged) }, FromOrigin);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("That passkey was not accepted.", refused.Text);

        var replayed = await browser.SubmitAsync(form, new Dictionary<string, string> { ["Name"] = "Forged", ["credential"] = key.Create(options) }, FromOrigin);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.Status);
        Assert.Contains("expired or was already used", replayed.Text);

        options = await browser.OptionsAsync(form);
        var phished = await browser.SubmitAsync(form, new Dictionary<string, string> { ["Name"] = "Forged", ["credential"] = key.Create(options, "https://phish.example") }, FromOrigin);
        Assert.Equal(HttpStatusCode.BadRequest, phished.Status);
        Assert.Null((await browser.GetAsync(PasskeysPage)).Document.QuerySelector(".passkey-name"));
    }

    [Fact]
    public async Task A_passkey_already_registered_to_someone_is_not_added_again()
    {
        var (key, _) = await MemberWithPasskeyAsync();
        var (other, _) = await app.SignInMemberAsync();
        var refused = await other.AddPasskeyAsync(key, "Stolen");
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Null((await other.GetAsync(PasskeysPage)).Document.QuerySelector(".passkey-name"));
    }

    private async Task<(SoftPasskey Key, AppUser User)> MemberWithPasskeyAsync()
    {
        var (browser, user) = await app.SignInMemberAsync();
        var key = new SoftPasskey();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.AddPasskeyAsync(key)).Status);
        browser.Dispose();
        return (key, user);
    }

    private static async Task AssertRefusedAsync(BrowserClient browser, Page page, string message)
    {
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(message, page.Text);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/tokens")).Status); // not signed in
    }
}
