using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>How sign-in sessions end: logout, a password change, a lockout, "Sign out everywhere", "End sessions".</summary>
public sealed class SessionTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    private const string Sessions = "/Identity/Account/Manage/Sessions";

    [Fact]
    public async Task A_cookie_copied_before_logout_no_longer_opens_the_token_screens()
    {
        var user = await app.CreateUserAsync($"copied-{Guid.NewGuid():N}@example.com", Roles.ApiTokensGroup);
        using var browser = app.CreateBrowser();
        var login = await browser.GetAsync("/Identity/Account/Login");
        var signedIn = await browser.SubmitAsync(login.Form("form#account"), new Dictionary<string, string>
        {
            ["Input.Email"] = user.Email!,
            ["Input.Password"] = TokensAppFactory.Password,
        });
        var copied = string.Join("; ", signedIn.Response.Headers.GetValues("Set-Cookie")
            .Where(c => c.StartsWith("ScoutPrime.Auth", StringComparison.Ordinal))
            .Select(c => c[..c.IndexOf(';', StringComparison.Ordinal)]));
        using var thief = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        thief.DefaultRequestHeaders.Add("Cookie", copied);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync(new Uri("/tokens", UriKind.Relative))).StatusCode);

        var home = await browser.GetAsync("/tokens");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync(home.Form("form[action*='/Account/Logout']"))).Status);

        var after = await thief.GetAsync(new Uri("/tokens", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("http://localhost/Identity/Account/Login", after.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_password_change_ends_the_other_sessions_and_keeps_this_one()
    {
        var (here, user) = await app.SignInMemberAsync();
        using var elsewhere = app.CreateBrowser();
        await elsewhere.SignInAsync(user.Email!, TokensAppFactory.Password);

        var form = await here.GetAsync("/Identity/Account/Manage/ChangePassword");
        var changed = await here.SubmitAsync(form.Form("form#change-password-form"), new Dictionary<string, string>
        {
            ["Input.OldPassword"] = TokensAppFactory.Password,
            ["Input.NewPassword"] = "Another-Horse-7-Battery",
            ["Input.ConfirmPassword"] = "Another-Horse-7-Battery",
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.Status);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/tokens")).Status);
        AssertSentToSignIn(await elsewhere.GetAsync("/tokens"));
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_every_session_from_the_account_settings()
    {
        var (here, user) = await app.SignInMemberAsync();
        using var elsewhere = app.CreateBrowser();
        await elsewhere.SignInAsync(user.Email!, TokensAppFactory.Password);

        var settings = await here.GetAsync(Sessions);
        Assert.Equal(HttpStatusCode.OK, settings.Status);
        Assert.NotNull(settings.Document.QuerySelector("header details.avatar-menu"));
        Assert.NotNull((await here.GetAsync("/Identity/Account/Manage")).Document.QuerySelector($"a[href='{Sessions}']"));
        var done = await here.SubmitAsync(settings.Form("form#sign-out-everywhere"));

        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        AssertSentToSignIn(await here.GetAsync("/tokens"));
        AssertSentToSignIn(await elsewhere.GetAsync("/tokens"));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e =>
            e.SubjectUserId == user.Id && e.ActorId == user.Id && e.Action == AuditActions.SessionsEnded)));
    }

    [Fact]
    public async Task Sign_out_everywhere_needs_a_session_and_the_antiforgery_token()
    {
        using var anonymous = app.CreateBrowser();
        AssertSentToSignIn(await anonymous.GetAsync(Sessions));

        var (member, _) = await app.SignInMemberAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await member.PostRawAsync(Sessions)).Status);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/tokens")).Status);
    }

    [Fact]
    public async Task A_lockout_ends_the_accounts_sessions()
    {
        var (member, user) = await app.SignInMemberAsync();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(user.Id))!, DateTimeOffset.MaxValue);
        }

        AssertSentToSignIn(await member.GetAsync("/tokens"));
    }

    [Fact]
    public async Task Wrong_passwords_from_someone_else_lock_sign_in_but_do_not_sign_the_owner_out()
    {
        var (member, user) = await app.SignInMemberAsync();
        using var attacker = app.CreateBrowser();
        for (var i = 0; i < 5; i++)
        {
            var login = await attacker.GetAsync("/Identity/Account/Login");
            await attacker.SubmitAsync(login.Form("form#account"), new Dictionary<string, string>
            {
                ["Input.Email"] = user.Email!,
                ["Input.Password"] = "wrong-password-" + i,
            });
        }

        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync()) > DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/tokens")).Status);
    }

    [Fact]
    public async Task An_administrators_End_sessions_signs_the_user_out_everywhere_and_is_recorded()
    {
        var (member, user) = await app.SignInMemberAsync();
        var (admin, adminAccount) = await app.SignInNewUserAsync(Roles.Administrators);

        var details = await admin.DetailsAsync(user.Id);
        var ended = await admin.SubmitAsync(details.Form("form.end-sessions-form"));

        Assert.Equal(HttpStatusCode.Redirect, ended.Status);
        Assert.Contains($"Every session of {user.Email} ended.", (await admin.GetAsync(ended.Location!)).Text);
        AssertSentToSignIn(await member.GetAsync("/tokens"));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e =>
            e.SubjectUserId == user.Id && e.ActorId == adminAccount.Id && e.Action == AuditActions.SessionsEnded)));
        // The user signs in again as before: ending sessions is not a lockout.
        await member.SignInAsync(user.Email!, TokensAppFactory.Password);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/tokens")).Status);
    }

    private static void AssertSentToSignIn(Page page)
    {
        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("http://localhost/Identity/Account/Login", page.Location);
    }
}
