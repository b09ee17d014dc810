using System.Net;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>The Tokens screen, its export and its bulk revoke: anonymous to sign-in, non-administrators 403, administrators in.</summary>
public sealed class InventoryAuthorizationTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "/admin/tokens" },
        { "GET", "/admin/tokens/export" },
        { "GET", "/admin/tokens/revoke" },
        { "POST", "/admin/tokens/revoke?Owner=no-such-owner" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Anonymous_is_sent_to_sign_in(string method, string url)
    {
        using var browser = app.CreateBrowser();

        var page = await SendAsync(browser, method, url);

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("http://localhost/Identity/Account/Login?ReturnUrl=", page.Location);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Member_who_is_not_an_administrator_is_refused_with_403(string method, string url)
    {
        var (member, _) = await app.SignInMemberAsync();

        var page = await SendAsync(member, method, url);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.DoesNotContain("Token id,", page.Html);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Administrator_succeeds(string method, string url)
    {
        var (admin, _) = await app.SignInNewUserAsync(Roles.Administrators);

        var page = await SendAsync(admin, method, url);

        Assert.Equal(method == "GET" ? HttpStatusCode.OK : HttpStatusCode.Redirect, page.Status);
    }

    [Fact]
    public async Task Only_administrators_see_Tokens_in_the_avatar_menu()
    {
        var (member, _) = await app.SignInMemberAsync();
        var (admin, _) = await app.SignInNewUserAsync(Roles.Administrators);

        Assert.Null((await member.GetAsync("/tokens")).Document.QuerySelector(".avatar-menu a[href='/admin/tokens']"));
        Assert.NotNull((await admin.GetFollowingAsync("/")).Document.QuerySelector(".avatar-menu a[href='/admin/tokens']"));
    }

    private static async Task<Page> SendAsync(BrowserClient browser, string method, string url)
    {
        if (method == "GET")
        {
            return await browser.GetAsync(url);
        }

        // A POST with a valid antiforgery token and a reason, so only authorization can refuse it.
        var home = await browser.GetFollowingAsync("/");
        var fields = new Dictionary<string, string> { ["Reason"] = "authorization test" };
        if (home.Document.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value") is { } token)
        {
            fields["__RequestVerificationToken"] = token;
        }

        return await browser.PostRawAsync(url, fields);
    }
}
