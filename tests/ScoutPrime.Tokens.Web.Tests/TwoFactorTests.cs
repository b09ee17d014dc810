using System.Net;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Authenticator-app two-factor sign-in, through Identity's pages, with codes that work once.</summary>
public sealed class TwoFactorTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Enrolment_shows_a_local_svg_qr_code_and_the_key_and_turns_two_factor_on_with_the_apps_code()
    {
        var (member, user) = await app.SignInMemberAsync();
        var page = await member.GetAsync("/Identity/Account/Manage/EnableAuthenticator");
        var qr = page.Document.QuerySelector("img#qr-code")!.GetAttribute("src")!;
        Assert.StartsWith("data:image/svg+xml;base64,", qr, StringComparison.Ordinal);
        Assert.Contains("<svg", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(qr["data:image/svg+xml;base64,".Length..])), StringComparison.Ordinal);
        Assert.All(page.Document.QuerySelectorAll("script"), script => Assert.True(script.HasAttribute("src"))); // CSP: no inline script
        Assert.DoesNotContain(" style=", page.Html, StringComparison.Ordinal);

        var (_, recovery) = await member.EnableAuthenticatorAsync(app);

        Assert.Equal(10, recovery.Count);
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));
        // This session carries on (its cookie was re-issued with the new security stamp).
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/tokens")).Status);
    }

    [Fact]
    public async Task A_wrong_enrolment_code_leaves_two_factor_off()
    {
        var (member, user) = await app.SignInMemberAsync();
        var page = await member.GetAsync("/Identity/Account/Manage/EnableAuthenticator");
        var refused = await member.SubmitAsync(page.Form("form#send-code"), new Dictionary<string, string> { ["Input.Code"] = "000000" });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("That code is not right", refused.Text, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));
    }

    [Fact]
    public async Task Sign_in_asks_for_the_code_and_a_code_is_refused_the_second_time_within_its_window()
    {
        var (member, user) = await app.SignInMemberAsync();
        var (key, _) = await member.EnableAuthenticatorAsync(app);
        app.Time.Advance(Step);

        using var browser = app.CreateBrowser();
        var asked = await browser.SignInWithPasswordAsync(user.Email!, TokensAppFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, asked.Status);
        Assert.StartsWith("/Identity/Account/LoginWith2fa", asked.Location, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/tokens")).Status); // not signed in yet

        var code = TwoFactorScreens.CodeAt(key, app.Time.GetUtcNow());
        var signedIn = await browser.EnterTwoFactorCodeAsync(asked.Location!, code);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/tokens")).Status);

        // Someone who saw the code uses it again, still within its window: refused.
        using var replay = app.CreateBrowser();
        var again = await replay.SignInWithPasswordAsync(user.Email!, TokensAppFactory.Password);
        var refused = await replay.EnterTwoFactorCodeAsync(again.Location!, code);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("Invalid authenticator code", refused.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await replay.GetAsync("/tokens")).Status);

        // The next code works.
        app.Time.Advance(Step);
        var next = await replay.EnterTwoFactorCodeAsync(again.Location!, TwoFactorScreens.CodeAt(key, app.Time.GetUtcNow()));
        Assert.Equal(HttpStatusCode.Redirect, next.Status);
        Assert.Equal(HttpStatusCode.OK, (await replay.GetAsync("/tokens")).Status);
    }

    [Fact]
    public async Task An_earlier_code_than_the_last_accepted_one_is_refused_too()
    {
        var (member, user) = await app.SignInMemberAsync();
        var (key, _) = await member.EnableAuthenticatorAsync(app);
        var earlier = TwoFactorScreens.CodeAt(key, app.Time.GetUtcNow() + Step);
        app.Time.Advance(Step * 2);

        using var browser = app.CreateBrowser();
        var asked = await browser.SignInWithPasswordAsync(user.Email!, TokensAppFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.EnterTwoFactorCodeAsync(asked.Location!, TwoFactorScreens.CodeAt(key, app.Time.GetUtcNow()))).Status);

        using var other = app.CreateBrowser();
        var again = await other.SignInWithPasswordAsync(user.Email!, TokensAppFactory.Password);
        Assert.Equal(HttpStatusCode.OK, (await other.EnterTwoFactorCodeAsync(again.Location!, earlier)).Status);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var (member, user) = await app.SignInMemberAsync();
        var (_, recovery) = await member.EnableAuthenticatorAsync(app);

        using var browser = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInWithPasswordAsync(user.Email!, TokensAppFactory.Password)).Status);
        var page = await browser.GetAsync("/Identity/Account/LoginWithRecoveryCode");
        var signedIn = await browser.SubmitAsync(page.Form("main form"), new Dictionary<string, string> { ["Input.RecoveryCode"] = recovery[0] });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/tokens")).Status);

        using var again = app.CreateBrowser();
        await again.SignInWithPasswordAsync(user.Email!, TokensAppFactory.Password);
        var reused = await again.SubmitAsync((await again.GetAsync("/Identity/Account/LoginWithRecoveryCode")).Form("main form"), new Dictionary<string, string> { ["Input.RecoveryCode"] = recovery[0] });
        Assert.Equal(HttpStatusCode.OK, reused.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/tokens")).Status);
    }

    [Fact]
    public async Task With_two_factor_on_the_proof_page_asks_for_the_code_too_and_refuses_a_reused_one()
    {
        var (member, _) = await app.SignInMemberAsync();
        var id = await member.CreateTokenAsync("two-factor proof");
        var (key, _) = await member.EnableAuthenticatorAsync(app);
        var enrolmentCode = TwoFactorScreens.CodeAt(key, app.Time.GetUtcNow());
        app.Time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(HttpStatusCode.Forbidden, (await member.RevealJsonRawAsync(id)).Status);

        var form = await member.GetAsync($"{SecurityScreens.ProofPage}?returnUrl=/tokens/{id}/reveal");
        Assert.NotNull(form.Document.QuerySelector("input[name='Input.Code']"));
        var passwordOnly = await member.ConfirmIdentityAsync(TokensAppFactory.Password);
        Assert.Contains("Enter the code from your authenticator app.", passwordOnly.Text, StringComparison.Ordinal);
        var reused = await member.ConfirmIdentityAsync(TokensAppFactory.Password, enrolmentCode);
        Assert.Contains("That password or code is not right", reused.Text, StringComparison.Ordinal);

        var proved = await member.ConfirmIdentityAsync(TokensAppFactory.Password, TwoFactorScreens.CodeAt(key, app.Time.GetUtcNow()), $"/tokens/{id}/reveal");
        Assert.Equal((HttpStatusCode.Redirect, $"/tokens/{id}/reveal"), (proved.Status, proved.Location));
        Assert.Null(TokenCode.FindFault(await member.RevealJsonAsync(id)));
    }

    [Fact]
    public async Task Turning_two_factor_off_keeps_this_session_and_sign_in_needs_only_the_password_again()
    {
        var (member, user) = await app.SignInMemberAsync();
        await member.EnableAuthenticatorAsync(app);
        var disable = await member.GetAsync("/Identity/Account/Manage/Disable2fa");
        var done = await member.SubmitAsync(disable.Form("form#disable-2fa"));
        Assert.Equal((HttpStatusCode.Redirect, "/Identity/Account/Manage/TwoFactorAuthentication"), (done.Status, done.Location));
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/tokens")).Status);

        using var browser = app.CreateBrowser();
        await browser.SignInAsync(user.Email!, TokensAppFactory.Password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/tokens")).Status);
    }

    [Fact]
    public async Task The_new_two_factor_forms_refuse_a_post_without_the_antiforgery_token()
    {
        var (member, _) = await app.SignInMemberAsync();
        await member.EnableAuthenticatorAsync(app);
        foreach (var url in new[] { "/Identity/Account/Manage/EnableAuthenticator", "/Identity/Account/Manage/Disable2fa" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await member.PostRawAsync(url, new Dictionary<string, string> { ["Input.Code"] = "123456" })).Status);
        }

        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/tokens")).Status);
    }
}
