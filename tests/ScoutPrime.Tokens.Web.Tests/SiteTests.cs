using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>What the site answers whatever the feature: HEAD, the error pages, the address it names itself by.</summary>
public sealed class SiteTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Theory]
    [InlineData("/tokens")]
    [InlineData("/Identity/Account/Login")]
    [InlineData("/healthz/live")]
    [InlineData("/healthz/ready")]
    [InlineData("/api/v1/ping")]
    [InlineData("/css/site.css")]
    public async Task HEAD_answers_as_GET_without_a_body(string url)
    {
        var (member, _) = await app.SignInMemberAsync();
        var get = await member.Http.GetAsync(new Uri(url, UriKind.Relative));

        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri(url, UriKind.Relative));
        var head = await member.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task HEAD_of_a_page_that_needs_sign_in_redirects_as_GET_does()
    {
        using var anonymous = app.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri("/tokens", UriKind.Relative));

        var head = await anonymous.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, head.StatusCode);
        Assert.StartsWith("http://localhost/Identity/Account/Login?ReturnUrl=", head.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/error")]
    [InlineData("/error/500")]
    [InlineData("/error/503")]
    [InlineData("/error/403")]
    public async Task Error_pages_asked_for_directly_are_not_found(string url)
    {
        var (member, _) = await app.SignInMemberAsync();

        var page = await member.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("Not found", page.Text);
    }

    [Fact]
    public async Task Errors_never_show_a_stack_trace()
    {
        // A real exception in a request: a controller of this test assembly that throws.
        using var throwing = app.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.AddControllers().AddApplicationPart(typeof(ThrowingController).Assembly)));
        using var browser = new BrowserClient(throwing.CreateClient(new() { AllowAutoRedirect = false }));

        var page = await browser.GetAsync(ThrowingController.Path);

        Assert.Equal(HttpStatusCode.InternalServerError, page.Status);
        Assert.DoesNotContain("Exception", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(ThrowingController.Secret, page.Html, StringComparison.Ordinal);
        Assert.Contains("Something went wrong", page.Text);
    }
}

public sealed class ThrowingController : Controller
{
    public const string Path = "/test/throw";
    public const string Secret = "internal detail 7f3a";

    [HttpGet(Path)]
    public IActionResult Throw() => throw new InvalidOperationException($"{Secret} at {Request.Path}");
}
