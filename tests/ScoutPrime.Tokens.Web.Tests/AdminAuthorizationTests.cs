using System.Net;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Every admin screen and action: anonymous goes to sign-in, non-administrators get 403, administrators get in.</summary>
public sealed class AdminAuthorizationTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    public static TheoryData<string, string> Actions => new()
    {
        { "GET", "/admin/users" },
        { "GET", "/admin/users/{user}" },
        { "POST", "/admin/users/{user}/group" },
        { "GET", "/admin/users/{user}/group/remove" },
        { "POST", "/admin/users/{user}/group/remove" },
        { "POST", "/admin/users/{user}/administrator" },
        { "GET", "/admin/users/{user}/administrator/remove" },
        { "POST", "/admin/users/{user}/administrator/remove" },
        { "GET", "/admin/users/{user}/tokens/{token}/delete" },
        { "POST", "/admin/users/{user}/tokens/{token}/delete" },
        { "POST", "/admin/users/{user}/sessions/end" },
    };

    public static TheoryData<string> Posts => new()
    {
        "/admin/users/{user}/group",
        "/admin/users/{user}/group/remove",
        "/admin/users/{user}/administrator",
        "/admin/users/{user}/administrator/remove",
        "/admin/users/{user}/tokens/{token}/delete",
        "/admin/users/{user}/sessions/end",
    };

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Anonymous_is_sent_to_sign_in(string method, string url)
    {
        var (user, token) = await CreateTargetAsync();
        using var browser = app.CreateBrowser();

        var page = await SendAsync(browser, method, Fill(url, user, token));

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("http://localhost/Identity/Account/Login?ReturnUrl=", page.Location);
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Signed_in_member_who_is_not_an_administrator_is_refused_with_403(string method, string url)
    {
        var (user, token) = await CreateTargetAsync();
        var (member, _) = await app.SignInMemberAsync();

        var page = await SendAsync(member, method, Fill(url, user, token));

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("You need to be an administrator", page.Text);
        Assert.Equal((2, 1), await RolesAndTokensOfAsync(user));
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Administrator_succeeds(string method, string url)
    {
        var (user, token) = await CreateTargetAsync();
        var (admin, _) = await app.SignInNewUserAsync(Roles.Administrators);

        var page = await SendAsync(admin, method, Fill(url, user, token));

        Assert.Equal(method == "GET" ? HttpStatusCode.OK : HttpStatusCode.Redirect, page.Status);
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Unknown_user_or_token_is_404(string method, string url)
    {
        var (user, _) = await CreateTargetAsync();
        var (admin, _) = await app.SignInNewUserAsync(Roles.Administrators);
        var unknownUser = url.Contains("{token}", StringComparison.Ordinal) ? user : Guid.NewGuid().ToString();

        var page = await SendAsync(admin, method, Fill(url, unknownUser, Guid.NewGuid()));

        Assert.Equal(url == "/admin/users" ? HttpStatusCode.OK : HttpStatusCode.NotFound, page.Status);
    }

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task Administrator_post_without_antiforgery_token_is_refused_with_400(string url)
    {
        var (user, token) = await CreateTargetAsync();
        var (admin, _) = await app.SignInNewUserAsync(Roles.Administrators);

        var page = await admin.PostRawAsync(Fill(url, user, token));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal((2, 1), await RolesAndTokensOfAsync(user));
    }

    /// <summary>A member and administrator with one token: every action applies to them.</summary>
    private async Task<(string User, Guid Token)> CreateTargetAsync()
    {
        var (browser, user) = await app.SignInNewUserAsync(Roles.ApiTokensGroup, Roles.Administrators);
        using (browser)
        {
            return (user.Id, await browser.CreateTokenAsync());
        }
    }

    private Task<(int Roles, int Tokens)> RolesAndTokensOfAsync(string userId) =>
        app.WithDbAsync(async db => (
            await db.UserRoles.CountAsync(ur => ur.UserId == userId),
            await db.Tokens.CountAsync(t => t.OwnerId == userId)));

    private static string Fill(string url, string user, Guid token) =>
        url.Replace("{user}", user, StringComparison.Ordinal).Replace("{token}", token.ToString(), StringComparison.Ordinal);

    private static async Task<Page> SendAsync(BrowserClient browser, string method, string url)
    {
        if (method == "GET")
        {
            return await browser.GetAsync(url);
        }

        // A POST carrying a valid antiforgery token from a real page, so only authorization can refuse it.
        var home = await browser.GetFollowingAsync("/");
        var token = home.Document.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value");
        var fields = new Dictionary<string, string>();
        if (token is not null)
        {
            fields["__RequestVerificationToken"] = token;
        }

        return await browser.PostRawAsync(url, fields);
    }
}
