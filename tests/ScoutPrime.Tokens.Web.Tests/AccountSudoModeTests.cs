using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>
/// Changing how the account proves itself needs the same fresh proof as a reveal: a stolen session must not add its
/// own passkey (which would then pass Confirm it's you) nor turn two-factor off.
/// </summary>
public sealed class AccountSudoModeTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    private const string Disable2fa = "/Identity/Account/Manage/Disable2fa";
    private static readonly TimeSpan Stale = TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1);
    private static readonly string PasskeysProof = $"{SecurityScreens.ProofPage}?returnUrl=%2FIdentity%2FAccount%2FManage%2FPasskeys";

    [Fact]
    public async Task With_a_stale_proof_adding_a_passkey_asks_for_a_proof_and_adds_nothing_then_works_after_it()
    {
        var (member, user) = await app.SignInMemberAsync();
        using var key = new SoftPasskey();
        // Options taken at 9:00, still fresh; the add posted at 10:01, the proof stale but the challenge still valid.
        app.Time.Advance(TimeSpan.FromMinutes(9));
        var form = (await member.GetAsync(PasskeyScreens.PasskeysPage)).Form("form#add-passkey");
        var credential = key.Create(await member.OptionsAsync(form));
        app.Time.Advance(Stale - TimeSpan.FromMinutes(9));

        var add = await member.SubmitAsync(form, new Dictionary<string, string> { ["Name"] = "Thief", ["credential"] = credential }, PasskeyScreens.FromOrigin);
        Assert.Equal((HttpStatusCode.Redirect, PasskeysProof), (add.Status, add.Location));
        using (var options = await PostOptionsAsync(member, form, "application/json"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, options.StatusCode);
            Assert.Equal(PasskeysProof, (await options.JsonAsync()).GetProperty("proofUrl").GetString());
        }

        using (var options = await PostOptionsAsync(member, form, "text/html"))
        {
            Assert.Equal((HttpStatusCode.Redirect, PasskeysProof), (options.StatusCode, options.Headers.Location?.OriginalString));
        }

        Assert.Empty(await PasskeysOfAsync(user.Id));

        var proved = await member.ConfirmIdentityAsync(TokensAppFactory.Password, returnUrl: PasskeyScreens.PasskeysPage);
        Assert.Equal((HttpStatusCode.Redirect, PasskeyScreens.PasskeysPage), (proved.Status, proved.Location));
        Assert.Equal(HttpStatusCode.Redirect, (await member.AddPasskeyAsync(key, "Own laptop")).Status);
        Assert.Equal("Own laptop", Assert.Single(await PasskeysOfAsync(user.Id)).Name);
    }

    [Fact]
    public async Task With_a_stale_proof_removing_a_passkey_asks_for_a_proof_and_keeps_it()
    {
        var (member, user) = await app.SignInMemberAsync();
        using var key = new SoftPasskey();
        var added = await member.AddPasskeyAsync(key);
        var remove = (await member.GetAsync(added.Location!)).Form("form.passkey-remove");
        app.Time.Advance(Stale);

        var refused = await member.SubmitAsync(remove);
        Assert.Equal((HttpStatusCode.Redirect, PasskeysProof), (refused.Status, refused.Location));
        Assert.Single(await PasskeysOfAsync(user.Id));

        // Renaming changes nothing about how the account proves itself, and stays open.
        var page = await member.GetAsync(PasskeyScreens.PasskeysPage);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await member.SubmitAsync(page.Form("form.passkey-rename"), new Dictionary<string, string> { ["Name"] = "Renamed" })).Status);
        Assert.Equal("Renamed", Assert.Single(await PasskeysOfAsync(user.Id)).Name);

        await member.ConfirmIdentityAsync(TokensAppFactory.Password, returnUrl: PasskeyScreens.PasskeysPage);
        Assert.Equal(HttpStatusCode.Redirect, (await member.SubmitAsync((await member.GetAsync(PasskeyScreens.PasskeysPage)).Form("form.passkey-remove"))).Status);
        Assert.Empty(await PasskeysOfAsync(user.Id));
    }

    [Fact]
    public async Task With_a_stale_proof_two_factor_cannot_be_turned_off_reset_or_its_key_shown_until_proved_again()
    {
        var (member, user) = await app.SignInMemberAsync();
        var (key, _) = await member.EnableAuthenticatorAsync(app);
        var disable = (await member.GetAsync(Disable2fa)).Form("form#disable-2fa");
        app.Time.Advance(Stale);

        var post = await member.SubmitAsync(disable);
        Assert.Equal((HttpStatusCode.Redirect, ProofFor(Disable2fa)), (post.Status, post.Location));
        foreach (var page in new[] { Disable2fa, "/Identity/Account/Manage/ResetAuthenticator", "/Identity/Account/Manage/EnableAuthenticator", "/Identity/Account/Manage/GenerateRecoveryCodes" })
        {
            var answer = await member.GetAsync(page);
            Assert.Equal((HttpStatusCode.Redirect, ProofFor(page)), (answer.Status, answer.Location));
        }

        Assert.True(await TwoFactorEnabledAsync(user.Id));

        await member.ConfirmIdentityAsync(TokensAppFactory.Password, TwoFactorScreens.CodeAt(key, app.Time.GetUtcNow()), Disable2fa);
        var turnedOff = await member.SubmitAsync((await member.GetAsync(Disable2fa)).Form("form#disable-2fa"));
        Assert.Equal((HttpStatusCode.Redirect, "/Identity/Account/Manage/TwoFactorAuthentication"), (turnedOff.Status, turnedOff.Location));
        Assert.False(await TwoFactorEnabledAsync(user.Id));
    }

    private static string ProofFor(string page) => $"{SecurityScreens.ProofPage}?returnUrl={Uri.EscapeDataString(page)}";

    /// <summary>The add form's options request as passkeys.js sends it (its antiforgery field), answered as it comes.</summary>
    private static Task<HttpResponseMessage> PostOptionsAsync(BrowserClient browser, IHtmlFormElement form, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("data-passkey-options"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = form.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value,
            }),
        };
        request.Headers.Accept.ParseAdd(accept);
        return browser.Http.SendAsync(request);
    }

    private async Task<IList<UserPasskeyInfo>> PasskeysOfAsync(string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.GetPasskeysAsync((await users.FindByIdAsync(userId))!);
    }

    private async Task<bool> TwoFactorEnabledAsync(string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.GetTwoFactorEnabledAsync((await users.FindByIdAsync(userId))!);
    }
}
