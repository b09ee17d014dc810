using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

public sealed class OperationsTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Fact]
    public async Task Health_endpoints_answer_live_and_ready()
    {
        using var browser = app.CreateBrowser();

        var live = await browser.GetAsync("/healthz/live");
        var ready = await browser.GetAsync("/healthz/ready");

        Assert.Equal((HttpStatusCode.OK, "Healthy"), (live.Status, live.Html));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (ready.Status, ready.Html));
    }

    [Fact]
    public async Task A_query_shape_that_differs_between_providers_fails_in_tests_not_on_SQL_Server()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            app.WithDbAsync(db => db.Tokens.Skip(1).Take(1).ToListAsync()));

        Assert.Contains("RowLimitingOperationWithoutOrderByWarning", error.Message);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/tokens")]
    [InlineData("/Identity/Account/Login")]
    [InlineData("/healthz/live")]
    [InlineData("/css/site.css")]
    [InlineData("/no/such/page")]
    public async Task Every_response_carries_the_security_headers(string url)
    {
        using var browser = app.CreateBrowser();

        var response = (await browser.GetAsync(url)).Response;

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Sign_in_and_antiforgery_cookies_are_http_only_and_same_site_lax()
    {
        var user = await app.CreateUserAsync($"cookies-{Guid.NewGuid():N}@example.com");
        using var browser = app.CreateBrowser();
        var login = await browser.GetAsync("/Identity/Account/Login");
        var signedIn = await browser.SubmitAsync(login.Form("form#account"), new Dictionary<string, string>
        {
            ["Input.Email"] = user.Email!,
            ["Input.Password"] = TokensAppFactory.Password,
        });

        var cookies = login.Response.Headers.GetValues("Set-Cookie").Concat(signedIn.Response.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, c => c.StartsWith("ScoutPrime.Auth=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("ScoutPrime.Antiforgery=", StringComparison.Ordinal));
        Assert.All(cookies, c =>
        {
            Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=", c, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("samesite=none", c, StringComparison.OrdinalIgnoreCase);
        });
    }
}

/// <summary>The database goes away and comes back: friendly 503s meanwhile, recovery without a restart.</summary>
public sealed class DatabaseOutageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scoutprime-outage-").FullName;

    [Fact]
    public async Task Screens_and_readiness_report_the_outage_and_recover_by_themselves()
    {
        using var app = TokensAppFactory.OnDatabase(Path.Combine(_folder, "tokens.db"));
        var (member, _) = await app.SignInMemberAsync();
        var (id, code) = await member.CreateTokenWithCodeAsync("outlives the outage");
        using var api = app.CreateApiClient();

        var away = _folder + "-away";
        Directory.Move(_folder, away);
        SqliteConnection.ClearAllPools();
        try
        {
            var list = await member.GetAsync("/tokens");
            var ready = await member.GetAsync("/healthz/ready");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, list.Status);
            Assert.Contains("Temporarily unavailable", list.Text);
            Assert.DoesNotContain("Exception", list.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("SQLite", list.Html, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
            Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/healthz/live")).Status);

            var call = await api.GetWithTokenAsync(ApiRequests.Me, code);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, call.StatusCode);
            Assert.Equal("application/problem+json", call.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("Exception", await call.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Move(away, _folder);
        }

        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/healthz/ready")).Status);
        var recovered = await member.GetAsync("/tokens");
        Assert.Equal(HttpStatusCode.OK, recovered.Status);
        Assert.NotNull(recovered.Row(id));
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
