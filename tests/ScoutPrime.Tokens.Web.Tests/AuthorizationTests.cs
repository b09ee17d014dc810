using System.Net;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Every token screen and action: anonymous goes to sign-in, outsiders get 403, members get in.</summary>
public sealed class AuthorizationTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    public static TheoryData<string, string> Actions => new()
    {
        { "GET", "/tokens" },
        { "GET", "/tokens/new" },
        { "POST", "/tokens/new" },
        { "GET", "/tokens/{id}/edit" },
        { "POST", "/tokens/{id}/edit" },
        { "GET", "/tokens/{id}/delete" },
        { "POST", "/tokens/{id}/delete" },
        { "POST", "/tokens/{id}/reveal" },
    };

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Anonymous_is_sent_to_sign_in(string method, string url)
    {
        using var browser = app.CreateBrowser();
        var page = await SendAsync(browser, method, url.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("http://localhost/Identity/Account/Login?ReturnUrl=", page.Location);
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Signed_in_user_outside_the_group_is_refused_with_403(string method, string url)
    {
        var (owner, _) = await app.SignInMemberAsync();
        var id = await owner.CreateTokenAsync();
        var (outsider, _) = await app.SignInNewUserAsync(Roles.Administrators);

        var page = await SendAsync(outsider, method, url.Replace("{id}", id.ToString(), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("You need to be in the API Tokens Group", page.Text);
        Assert.Null(page.Document.QuerySelector("a[href='/tokens']"));
    }

    [Theory]
    [InlineData("/tokens")]
    [InlineData("/tokens/new")]
    [InlineData("/tokens/{id}/edit")]
    [InlineData("/tokens/{id}/delete")]
    public async Task Member_opens_every_screen(string url)
    {
        var (member, _) = await app.SignInMemberAsync();
        var id = await member.CreateTokenAsync();

        var page = await member.GetAsync(url.Replace("{id}", id.ToString(), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, page.Status);
    }

    [Fact]
    public async Task Member_post_without_antiforgery_token_is_refused_with_400()
    {
        var (member, _) = await app.SignInMemberAsync();
        var id = await member.CreateTokenAsync("keep me");

        foreach (var url in new[] { "/tokens/new", $"/tokens/{id}/edit", $"/tokens/{id}/delete", $"/tokens/{id}/reveal" })
        {
            var page = await member.PostRawAsync(url, new Dictionary<string, string> { ["Description"] = "forged", ["TimeoutDays"] = "5" });
            Assert.Equal(HttpStatusCode.BadRequest, page.Status);
            Assert.DoesNotContain("scp_", page.Html, StringComparison.Ordinal);
        }

        var list = await member.GetAsync("/tokens");
        Assert.Single(list.Document.QuerySelectorAll("tbody tr"));
        Assert.Contains("keep me", list.Text);
    }

    [Fact]
    public async Task Avatar_menu_shows_API_Tokens_to_members_only()
    {
        var (member, _) = await app.SignInMemberAsync();
        var (outsider, outsiderUser) = await app.SignInNewUserAsync();
        using var anonymous = app.CreateBrowser();

        var memberHome = await member.GetFollowingAsync("/");
        var outsiderHome = await outsider.GetAsync("/");
        var anonymousHome = await anonymous.GetAsync("/");

        var memberMenu = memberHome.Document.QuerySelector("details.avatar-menu")!;
        Assert.Contains("API Tokens", memberMenu.QuerySelector("a[href='/tokens']")!.TextContent);
        Assert.Contains("Log out", memberMenu.TextContent);

        var outsiderMenu = outsiderHome.Document.QuerySelector("details.avatar-menu")!;
        Assert.Contains(outsiderUser.Email!, outsiderMenu.TextContent);
        Assert.DoesNotContain("API Tokens", outsiderMenu.TextContent);
        Assert.Null(outsiderHome.Document.QuerySelector("a[href='/tokens']"));

        Assert.Null(anonymousHome.Document.QuerySelector("details.avatar-menu"));
        Assert.NotNull(anonymousHome.Document.QuerySelector("a[href='/Identity/Account/Login']"));
    }

    private static async Task<Page> SendAsync(BrowserClient browser, string method, string url)
    {
        if (method == "GET")
        {
            return await browser.GetAsync(url);
        }

        // A POST from a real form of the application, so only authorization can refuse it.
        var home = await browser.GetAsync("/");
        var token = home.Document.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value");
        var fields = new Dictionary<string, string> { ["Description"] = "x", ["TimeoutDays"] = "5" };
        if (token is not null)
        {
            fields["__RequestVerificationToken"] = token;
        }

        return await browser.PostRawAsync(url, fields);
    }
}
