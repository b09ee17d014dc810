using System.Net;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Guessing passwords: the account locks, the address is limited, and neither tells whether an account exists.</summary>
public sealed class SignInThrottlingTests
{
    private const string Login = "/Identity/Account/Login";

    [Fact]
    public async Task Forty_wrong_passwords_then_the_right_one_does_not_sign_in()
    {
        using var app = TokensAppFactory.Dedicated();
        var user = await app.CreateUserAsync($"target-{Guid.NewGuid():N}@example.com");
        using var attacker = app.CreateBrowser();
        var form = await attacker.GetAsync(Login);
        for (var i = 0; i < 40; i++)
        {
            await attacker.SubmitAsync(form.Form("form#account"), Fields(user.Email!, $"guess-{i}"));
        }

        var right = await attacker.SubmitAsync(form.Form("form#account"), Fields(user.Email!, TokensAppFactory.Password));

        Assert.NotEqual(HttpStatusCode.Redirect, right.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await attacker.GetAsync("/Identity/Account/Manage")).Status);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_whatever_address_they_come_from()
    {
        using var app = TokensAppFactory.Dedicated();
        var user = await app.CreateUserAsync($"target-{Guid.NewGuid():N}@example.com");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await AttemptAsync(app, user.Email!, $"guess-{i}")).Status);
        }

        var right = await AttemptAsync(app, user.Email!, TokensAppFactory.Password);

        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.Contains("an account is locked for 15 minutes", Summary(right));
        var lockoutEnd = await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync());
        Assert.InRange(lockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task The_lockout_rule_comes_from_configuration()
    {
        using var app = TokensAppFactory.Dedicated().With("Identity:Lockout:MaxFailedAttempts", "2").With("Identity:Lockout:Minutes", "60");
        var user = await app.CreateUserAsync($"target-{Guid.NewGuid():N}@example.com");
        await AttemptAsync(app, user.Email!, "guess-1");
        await AttemptAsync(app, user.Email!, "guess-2");

        var right = await AttemptAsync(app, user.Email!, TokensAppFactory.Password);

        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.Contains("After 2 failed attempts in a row, an account is locked for 60 minutes.", Summary(right));
    }

    [Fact]
    public async Task A_locked_account_and_an_unknown_email_get_the_same_answer()
    {
        using var app = TokensAppFactory.Dedicated();
        var user = await app.CreateUserAsync($"target-{Guid.NewGuid():N}@example.com");
        var unknown = $"nobody-{Guid.NewGuid():N}@example.com";
        for (var i = 0; i < 5; i++)
        {
            await AttemptAsync(app, user.Email!, $"guess-{i}");
            await AttemptAsync(app, unknown, $"guess-{i}");
        }

        var locked = await AttemptAsync(app, user.Email!, TokensAppFactory.Password);
        var nobody = await AttemptAsync(app, unknown, TokensAppFactory.Password);
        var wrong = await AttemptAsync(app, TokensAppFactory.AdminEmail, "not-the-password");

        Assert.Equal(nobody.Status, locked.Status);
        Assert.Equal(Summary(nobody), Summary(locked));
        Assert.Equal(Summary(wrong), Summary(locked));
        Assert.Null(locked.Location);
        Assert.DoesNotContain("locked out", locked.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task One_address_may_post_the_sign_in_form_20_times_a_minute_then_gets_429_in_the_sites_layout()
    {
        using var app = TokensAppFactory.Dedicated();
        using var sprayer = app.CreateBrowser();
        var form = await sprayer.GetAsync(Login);
        for (var i = 0; i < 20; i++)
        {
            var attempt = await sprayer.SubmitAsync(form.Form("form#account"), Fields($"user{i}@example.com", "guess"));
            Assert.Equal(HttpStatusCode.OK, attempt.Status);
        }

        var refused = await sprayer.SubmitAsync(form.Form("form#account"), Fields(TokensAppFactory.AdminEmail, TokensAppFactory.Password));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("60", refused.Response.Headers.RetryAfter?.ToString());
        Assert.NotNull(refused.Document.QuerySelector("header nav a.navbar-brand"));
        Assert.Contains("Too many", refused.Text);
        Assert.Equal(HttpStatusCode.OK, (await sprayer.GetAsync(Login)).Status); // reading the page is not limited
        using var neighbour = app.CreateBrowser();
        await neighbour.SignInAsync(TokensAppFactory.AdminEmail, TokensAppFactory.Password); // nor is another address
    }

    private static async Task<Page> AttemptAsync(TokensAppFactory app, string email, string password)
    {
        using var browser = app.CreateBrowser();
        var form = await browser.GetAsync(Login);
        return await browser.SubmitAsync(form.Form("form#account"), Fields(email, password));
    }

    private static Dictionary<string, string> Fields(string email, string password) => new()
    {
        ["Input.Email"] = email,
        ["Input.Password"] = password,
    };

    private static string Summary(Page page) =>
        page.Document.QuerySelector("form#account [role=alert]")?.TextContent.Trim() ?? string.Empty;
}
