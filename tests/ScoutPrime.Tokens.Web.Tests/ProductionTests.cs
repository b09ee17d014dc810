using System.Net;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

public sealed class ProductionTests
{
    private const string BaseUrl = "https://tokens.example.com";

    [Fact]
    public async Task Production_over_plain_HTTP_still_marks_every_cookie_secure_and_warns_at_start_up()
    {
        using var app = TokensAppFactory.Dedicated().InEnvironment("Production").With("Site:BaseUrl", BaseUrl);
        using var http = app.CreateBrowser();
        http.Http.BaseAddress = new Uri("http://tokens.example.com");

        var login = await http.GetAsync("/Identity/Account/Login");

        Assert.Equal(HttpStatusCode.OK, login.Status);
        var cookies = login.Response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith("ScoutPrime.Antiforgery=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(app.Logs.Lines, l => l.Contains("NO HTTPS", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https_port", "443")]
    [InlineData("urls", "http://127.0.0.1:5080;https://127.0.0.1:5443")]
    [InlineData("ForwardedHeaders:KnownProxies:0", "10.0.0.5")]
    public void Production_with_HTTPS_or_a_proxy_does_not_warn(string key, string value)
    {
        using var app = TokensAppFactory.Dedicated().InEnvironment("Production").With("Site:BaseUrl", BaseUrl).With(key, value);

        _ = app.Server;

        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("NO HTTPS", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("tokens.example.com")]
    [InlineData("ftp://tokens.example.com")]
    [InlineData("https://tokens.example.com/tokens")]
    public void Production_does_not_start_without_an_absolute_site_address(string? baseUrl)
    {
        using var app = TokensAppFactory.Dedicated().InEnvironment("Production").With("Site:BaseUrl", baseUrl);

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("Site:BaseUrl", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Absolute_urls_name_the_configured_address_not_the_Host_header()
    {
        using var app = TokensAppFactory.Dedicated().With("Site:BaseUrl", BaseUrl);
        using var browser = app.CreateBrowser();
        browser.Http.BaseAddress = new Uri("http://evil.example");

        var signIn = await browser.GetAsync("/tokens");
        var openApi = await (await browser.Http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative))).JsonAsync();

        Assert.Equal(HttpStatusCode.Redirect, signIn.Status);
        Assert.Equal("tokens.example.com", new Uri(signIn.Location!).Host);
        Assert.Equal(BaseUrl, openApi.GetProperty("servers")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task Production_redirects_to_https_sends_hsts_and_marks_cookies_secure()
    {
        using var app = TokensAppFactory.Dedicated().InEnvironment("Production").With("https_port", "443").With("Site:BaseUrl", BaseUrl);
        using var http = app.CreateBrowser();
        http.Http.BaseAddress = new Uri("http://tokens.example.com");
        var redirected = await http.GetAsync("/Identity/Account/Login");

        using var https = app.CreateBrowser();
        https.Http.BaseAddress = new Uri("https://tokens.example.com");
        var page = await https.GetAsync("/Identity/Account/Login");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.Status);
        Assert.Equal("https://tokens.example.com/Identity/Account/Login", redirected.Location);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("max-age=31536000", Assert.Single(page.Response.Headers.GetValues("Strict-Transport-Security")));
        Assert.All(page.Response.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }
}
