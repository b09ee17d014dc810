using System.Net;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.ResourceServers;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Every Resource servers screen and action: anonymous goes to sign-in, members and outsiders get 403, administrators get in.</summary>
public sealed class ResourceServerAuthorizationTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    public static TheoryData<string, string> Actions => new()
    {
        { "GET", "/admin/resource-servers" },
        { "GET", "/admin/resource-servers/new" },
        { "POST", "/admin/resource-servers/new" },
        { "GET", "/admin/resource-servers/{id}/delete" },
        { "POST", "/admin/resource-servers/{id}/delete" },
    };

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Anonymous_is_sent_to_sign_in(string method, string url)
    {
        var target = await CreateTargetAsync();
        using var browser = app.CreateBrowser();

        var page = await SendAsync(browser, method, url.Replace("{id}", target.ToString(), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("http://localhost/Identity/Account/Login?ReturnUrl=", page.Location);
        Assert.Equal(1, await CountAsync(target));
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Member_who_is_not_an_administrator_is_refused_with_403(string method, string url) =>
        await AssertForbiddenAsync(method, url, Roles.ApiTokensGroup);

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Signed_in_outsider_is_refused_with_403(string method, string url) =>
        await AssertForbiddenAsync(method, url);

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Administrator_succeeds(string method, string url)
    {
        var target = await CreateTargetAsync();
        var (admin, _) = await app.SignInNewUserAsync(Roles.Administrators);

        var page = await SendAsync(admin, method, url.Replace("{id}", target.ToString(), StringComparison.Ordinal), new() { ["Name"] = "Alerts API" });

        // Creating answers with the page that shows the secret once, not a redirect.
        Assert.Equal(method == "GET" || url.EndsWith("/new", StringComparison.Ordinal) ? HttpStatusCode.OK : HttpStatusCode.Redirect, page.Status);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task Unknown_resource_server_is_404(string method)
    {
        var (admin, _) = await app.SignInNewUserAsync(Roles.Administrators);

        var page = await SendAsync(admin, method, $"/admin/resource-servers/{Guid.NewGuid()}/delete");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }

    [Theory]
    [InlineData("/admin/resource-servers/new")]
    [InlineData("/admin/resource-servers/{id}/delete")]
    public async Task Administrator_post_without_antiforgery_token_is_refused_with_400_and_changes_nothing(string url)
    {
        var target = await CreateTargetAsync();
        var (admin, _) = await app.SignInNewUserAsync(Roles.Administrators);
        var before = await app.WithDbAsync(db => db.Set<ResourceServer>().CountAsync());

        var page = await admin.PostRawAsync(url.Replace("{id}", target.ToString(), StringComparison.Ordinal), new Dictionary<string, string> { ["Name"] = "Forged" });

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<ResourceServer>().CountAsync()));
    }

    [Fact]
    public async Task Only_administrators_see_the_menu_link()
    {
        var (admin, _) = await app.SignInNewUserAsync(Roles.Administrators);
        var (member, _) = await app.SignInMemberAsync();

        Assert.NotNull((await admin.GetFollowingAsync("/")).Document.QuerySelector(".avatar-menu a[href='/admin/resource-servers']"));
        Assert.Null((await member.GetFollowingAsync("/")).Document.QuerySelector(".avatar-menu a[href='/admin/resource-servers']"));
    }

    private async Task AssertForbiddenAsync(string method, string url, params string[] roles)
    {
        var target = await CreateTargetAsync();
        var (user, _) = await app.SignInNewUserAsync(roles);

        var page = await SendAsync(user, method, url.Replace("{id}", target.ToString(), StringComparison.Ordinal), new() { ["Name"] = "Sneaky" });

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("You need to be an administrator", page.Text);
        Assert.Equal(1, await CountAsync(target));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ResourceServer>().CountAsync(s => s.Name == "Sneaky")));
    }

    private async Task<Guid> CreateTargetAsync()
    {
        var (admin, _) = await app.SignInNewUserAsync(Roles.Administrators);
        using (admin)
        {
            return (await admin.CreateResourceServerAsync()).Id;
        }
    }

    private Task<int> CountAsync(Guid id) => app.WithDbAsync(db => db.Set<ResourceServer>().CountAsync(s => s.Id == id));

    private static async Task<Page> SendAsync(BrowserClient browser, string method, string url, Dictionary<string, string>? fields = null)
    {
        if (method == "GET")
        {
            return await browser.GetAsync(url);
        }

        // A POST carrying a valid antiforgery token from a real page, so only authorization can refuse it.
        var home = await browser.GetFollowingAsync("/");
        fields ??= [];
        if (home.Document.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value") is { } token)
        {
            fields["__RequestVerificationToken"] = token;
        }

        return await browser.PostRawAsync(url, fields);
    }
}
