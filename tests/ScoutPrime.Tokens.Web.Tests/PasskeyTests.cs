using System.Net;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using static ScoutPrime.Tokens.Web.Tests.Infrastructure.PasskeyScreens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Account → Passkeys and "Sign in with a passkey", as a browser with an authenticator uses them.</summary>
public sealed class PasskeyTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Fact]
    public async Task A_member_adds_a_passkey_signs_out_and_signs_in_with_it()
    {
        var (browser, user) = await app.SignInMemberAsync();
        using var key = new SoftPasskey();

        var added = await browser.AddPasskeyAsync(key, "Work laptop");
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        var settings = await browser.GetAsync(PasskeysPage);
        Assert.Contains("Passkey 'Work laptop' added.", settings.Text);
        Assert.Equal(["Work laptop"], settings.Document.QuerySelectorAll(".passkey-name").Select(e => e.TextContent));

        await browser.SubmitAsync((await browser.GetAsync("/tokens")).Form("form[action*='/Account/Logout']"));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/tokens")).Status);

        var signedIn = await browser.SignInWithPasskeyAsync(key);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        Assert.Equal("/", signedIn.Location);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/tokens")).Status);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e =>
            e.SubjectUserId == user.Id && e.ActorId == user.Id && e.Action == AuditActions.PasskeyAdded && e.Detail == "Work laptop")));
        Assert.Contains(app.Logs.Lines, l => l.Contains($"User {user.Id} signed in with a passkey", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_passkey_sign_in_follows_a_local_return_address_only()
    {
        var (browser, _) = await app.SignInMemberAsync();
        using var key = new SoftPasskey();
        await browser.AddPasskeyAsync(key);
        using var other = app.CreateBrowser();

        var form = (await other.GetAsync(Login + "?returnUrl=%2Ftokens")).Form("form#passkey-sign-in");
        var signedIn = await other.SubmitAsync(form, new Dictionary<string, string> { ["credential"] = key.Get(await other.OptionsAsync(form)) }, FromOrigin);
        Assert.Equal("/tokens", signedIn.Location);

        using var third = app.CreateBrowser();
        form = (await third.GetAsync(Login + "?returnUrl=https%3A%2F%2Fevil.example%2F")).Form("form#passkey-sign-in");
        signedIn = await third.SubmitAsync(form, new Dictionary<string, string> { ["credential"] = key.Get(await third.OptionsAsync(form)) }, FromOrigin);
        Assert.Equal("/", signedIn.Location);
    }

    [Fact]
    public async Task A_passkey_is_renamed_and_removed_and_each_change_is_audited()
    {
        var (browser, user) = await app.SignInNewUserAsync(); // account settings need no group
        using var key = new SoftPasskey();
        await browser.AddPasskeyAsync(key, "Phone");

        var renamed = await browser.SubmitAsync((await browser.GetAsync(PasskeysPage)).Form("form.passkey-rename"), new Dictionary<string, string> { ["Name"] = "  Old phone " });
        Assert.Equal(HttpStatusCode.Redirect, renamed.Status);
        Assert.Equal(["Old phone"], (await browser.GetAsync(PasskeysPage)).Document.QuerySelectorAll(".passkey-name").Select(e => e.TextContent));

        var removed = await browser.SubmitAsync((await browser.GetAsync(PasskeysPage)).Form("form.passkey-remove"));
        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        Assert.NotNull((await browser.GetAsync(PasskeysPage)).Document.QuerySelector("#no-passkeys"));

        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.SubjectUserId == user.Id).OrderBy(e => e.Id).Select(e => e.Action + ":" + e.Detail).ToListAsync());
        Assert.Equal(["passkey.added:Phone", "passkey.renamed:Old phone", "passkey.removed:Old phone"], actions);

        // A removed passkey signs nobody in.
        using var other = app.CreateBrowser();
        var refused = await other.SignInWithPasskeyAsync(key);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("That passkey was not accepted.", refused.Text);
    }

    [Fact]
    public async Task Changing_passkeys_keeps_the_session_and_the_other_sessions()
    {
        var (browser, user) = await app.SignInMemberAsync();
        using var elsewhere = app.CreateBrowser();
        await elsewhere.SignInAsync(user.Email!, TokensAppFactory.Password);
        using var key = new SoftPasskey();

        await browser.AddPasskeyAsync(key);
        await browser.SubmitAsync((await browser.GetAsync(PasskeysPage)).Form("form.passkey-remove"));

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/tokens")).Status);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/tokens")).Status);
    }

    [Theory]
    [InlineData("", "Give the passkey a name")]
    [InlineData("   ", "Give the passkey a name")]
    public async Task A_passkey_needs_a_name(string name, string message)
    {
        var (browser, _) = await app.SignInMemberAsync();
        using var key = new SoftPasskey();
        var refused = await browser.AddPasskeyAsync(key, name);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains(message, refused.Text);
        Assert.Null((await browser.GetAsync(PasskeysPage)).Document.QuerySelector(".passkey-name"));
    }

    [Fact]
    public async Task A_name_longer_than_50_characters_is_refused_when_adding_and_renaming()
    {
        var (browser, _) = await app.SignInMemberAsync();
        using var key = new SoftPasskey();
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.AddPasskeyAsync(key, new string('x', 51))).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.AddPasskeyAsync(key, new string('x', 50))).Status);

        var refused = await browser.SubmitAsync((await browser.GetAsync(PasskeysPage)).Form("form.passkey-rename"), new Dictionary<string, string> { ["Name"] = new string('y', 51) });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("at most 50 characters", refused.Text);
    }

    [Fact]
    public async Task Without_JavaScript_the_passkey_buttons_explain_and_password_sign_in_still_works()
    {
        using var browser = app.CreateBrowser();
        var login = await browser.GetAsync(Login);
        Assert.Contains("Passkeys need JavaScript", login.Document.QuerySelector("form#passkey-sign-in [data-passkey-nojs]")!.TextContent);
        Assert.NotNull(login.Document.QuerySelector("script[src^='/js/passkeys.js']"));

        var pressed = await browser.SubmitAsync(login.Form("form#passkey-sign-in"));
        Assert.Equal(HttpStatusCode.BadRequest, pressed.Status);
        Assert.Contains("Passkeys need JavaScript and a browser that supports them. You can still sign in with your email and password.", pressed.Text);
        Assert.DoesNotContain("field is required", pressed.Text);

        var (member, _) = await app.SignInMemberAsync();
        var add = await member.SubmitAsync((await member.GetAsync(PasskeysPage)).Form("form#add-passkey"), new Dictionary<string, string> { ["Name"] = "Laptop" });
        Assert.Equal(HttpStatusCode.BadRequest, add.Status);
        Assert.Contains("Adding a passkey needs JavaScript", add.Text);
    }

    [Fact]
    public async Task Account_settings_link_to_passkeys()
    {
        var (browser, _) = await app.SignInMemberAsync();
        var page = await browser.GetAsync(PasskeysPage);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("page", page.Document.QuerySelector("a#passkeys")!.GetAttribute("aria-current"));
        Assert.NotNull((await browser.GetAsync("/Identity/Account/Manage")).Document.QuerySelector($"a[href='{PasskeysPage}']"));
    }
}
