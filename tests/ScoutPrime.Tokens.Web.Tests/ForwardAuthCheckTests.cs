using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ScoutPrime.Tokens.Web.ForwardAuth;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>
/// <c>/auth/verify</c> costs what an API call costs (the same cache, no lookup for a malformed code, the same Last used
/// stamp), ignores what it does not read, and says who called in headers any gateway can carry.
/// </summary>
public sealed class ForwardAuthCheckTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    private const string Verify = ForwardAuthTests.Verify;

    [Fact]
    public async Task Malformed_code_costs_no_lookup_and_a_known_token_is_checked_from_the_cache_and_stamped()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync();
        using var gateway = app.CreateApiClient();
        using var databaseLookups = app.CountDatabaseLookups();

        await gateway.SendAsync(ForwardAuthTests.Request("GET", "xyz_" + code[4..]));
        await gateway.SendAsync(ForwardAuthTests.Request("GET", code[..^1] + (code[^1] == 'a' ? 'b' : 'a')));
        Assert.Empty(databaseLookups.GetMeasurementSnapshot());

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await gateway.SendAsync(ForwardAuthTests.Request("GET", code))).StatusCode);
        }

        // Cached from its second lookup, as on the API.
        Assert.Equal(2, databaseLookups.GetMeasurementSnapshot().EvaluateAsCounter());
        var stamped = app.Time.GetUtcNow();
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(10); await Task.Delay(50))
        {
            if (await app.WithDbAsync(db => db.Tokens.Where(t => t.Id == id).Select(t => t.LastUsedAt).SingleAsync()) == stamped)
            {
                return;
            }
        }

        Assert.Fail("A successful check did not stamp Last used.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("application/json")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("text/plain; charset=utf-16")]
    public async Task A_body_of_any_size_or_type_is_ignored(string contentType)
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (_, code) = await owner.CreateTokenWithCodeAsync();
        using var gateway = app.CreateApiClient();

        foreach (var size in new[] { 0, 1024 * 1024 })
        {
            foreach (var credential in new[] { code, null })
            {
                var request = ForwardAuthTests.Request("POST", credential);
                request.Content = new ByteArrayContent(new byte[size]);
                if (contentType.Length > 0)
                {
                    request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
                }

                var response = await gateway.SendAsync(request);
                Assert.Equal((size, credential is null ? HttpStatusCode.Unauthorized : HttpStatusCode.OK), (size, response.StatusCode));
            }
        }
    }

    [Theory]
    [InlineData("plain@example.com", "plain@example.com")]
    [InlineData("josé@exämple.com", "jos%C3%A9@ex%C3%A4mple.com")]
    [InlineData("100%@example.com", "100%25@example.com")]
    public void Email_header_is_visible_ASCII_and_decodes_back_to_the_address(string email, string header)
    {
        Assert.Equal(header, ForwardAuthEndpoint.HeaderValue(email));
        Assert.Equal(email, Uri.UnescapeDataString(header));
    }

    [Fact]
    public async Task A_path_under_verify_is_the_same_check_as_Envoy_appends_the_original_path()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync();
        using var gateway = app.CreateApiClient();

        var valid = await gateway.GetWithTokenAsync(Verify + "/orders/7?expand=lines", code);
        var refused = await gateway.GetAsync(new Uri(Verify + "/orders/7", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(id.ToString(), ForwardAuthTests.Header(valid, ForwardAuthEndpoint.TokenIdHeader));
        await ApiAuthenticationTests.AssertUniform401Async(refused);
    }
}
