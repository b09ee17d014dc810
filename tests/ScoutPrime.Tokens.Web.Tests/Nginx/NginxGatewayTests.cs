using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoutPrime.Tokens.Web.Revocation;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;
using ScoutPrime.Tokens.Web.Validation;

namespace ScoutPrime.Tokens.Web.Tests.Nginx;

/// <summary>Through nginx with the shipped site, as deployed: who gets through to the API, and what everyone else gets.</summary>
public sealed class NginxGatewayTests(NginxGateway gateway) : IClassFixture<NginxGateway>
{
    public static TheoryData<TheoryCase<BadCredential>> BadCredentials => ApiAuthenticationTests.BadCredentials;

    [SkippableFact]
    public async Task Valid_token_reaches_the_API_with_the_identity_headers_and_nothing_the_client_forged()
    {
        Nginx.Require();
        var (userId, email, tokenId, code) = await gateway.MemberTokenAsync();
        using var client = gateway.Client();
        using var request = NginxGateway.Call(HttpMethod.Post, "/orders/7?expand=lines", code);
        request.Headers.TryAddWithoutValidation("X-ScoutPrime-User-Id", "forged-admin");
        request.Headers.TryAddWithoutValidation("x-scoutprime-user-email", "forged@example.com");
        request.Headers.TryAddWithoutValidation("X-SCOUTPRIME-TOKEN-ID", Guid.NewGuid().ToString());
        request.Headers.TryAddWithoutValidation("X_ScoutPrime_Token_Expires", "2099-01-01T00:00:00Z");
        request.Content = JsonContent.Create(new { quantity = 3 });

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = (await response.Content.ReadFromJsonAsync<Echo>())!;
        Assert.Equal(("POST", "/orders/7?expand=lines"), (echo.Method, echo.Path));
        Assert.Equal(userId, echo.Headers["x-scoutprime-user-id"]);
        Assert.Equal(email, echo.Headers["x-scoutprime-user-email"]);
        Assert.Equal(tokenId.ToString(), echo.Headers["x-scoutprime-token-id"]);
        Assert.True(DateTimeOffset.TryParse(echo.Headers["x-scoutprime-token-expires"], System.Globalization.CultureInfo.InvariantCulture, out var expires));
        Assert.Equal(gateway.App.Time.GetUtcNow().AddDays(15), expires);
        Assert.DoesNotContain(echo.Headers.Keys, k => k.Contains('_', StringComparison.Ordinal));
        // The token stays at the gateway.
        Assert.False(echo.Headers.ContainsKey("authorization"));
    }

    [SkippableTheory]
    [MemberData(nameof(BadCredentials))]
    public async Task Bad_credential_is_refused_by_nginx_with_401_and_never_reaches_the_API(TheoryCase<BadCredential> credential)
    {
        Nginx.Require();
        var bad = credential.Value;
        var (_, _, _, code) = await gateway.MemberTokenAsync();
        using var client = gateway.Client();
        var reached = gateway.Upstream.Requests;
        using var request = NginxGateway.Call(HttpMethod.Get, bad.CodeInQuery ? $"/orders?access_token={code}" : "/orders", null);
        bad.Present(request.Headers, code);

        var response = await client.SendAsync(request);

        if (bad.Name == "10 KB header")
        {
            // Longer than nginx's header buffers (8 KB): nginx refuses it itself, before any check.
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer error=\"invalid_token\"", Assert.Single(response.Headers.WwwAuthenticate).ToString());
        }

        Assert.Equal(reached, gateway.Upstream.Requests);
    }

    [SkippableFact]
    public async Task Owner_outside_the_group_gets_403()
    {
        Nginx.Require();
        var (_, _, _, code) = await gateway.TokenOfNewUserAsync();
        using var client = gateway.Client();
        var reached = gateway.Upstream.Requests;

        var response = await client.SendAsync(NginxGateway.Call(HttpMethod.Get, "/orders", code));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(reached, gateway.Upstream.Requests);
    }

    [SkippableFact]
    public async Task Eleventh_failure_in_a_minute_gets_429_with_Retry_After_whatever_address_the_client_claims()
    {
        Nginx.Require();
        var (_, _, _, code) = await gateway.MemberTokenAsync();
        using var client = gateway.Client();

        for (var i = 0; i < 10; i++)
        {
            using var guess = NginxGateway.Call(HttpMethod.Get, "/orders", TokenCode.Generate());
            guess.Headers.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            guess.Headers.Add("X-Real-IP", $"198.51.100.{i + 1}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(guess)).StatusCode);
        }

        var refused = await client.SendAsync(NginxGateway.Call(HttpMethod.Get, "/orders", TokenCode.Generate()));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(NginxGateway.Call(HttpMethod.Get, "/orders", code))).StatusCode);
        // Another client, at its own address, is not refused.
        using var other = gateway.Client();
        Assert.Equal(HttpStatusCode.OK, (await other.SendAsync(NginxGateway.Call(HttpMethod.Get, "/orders", code))).StatusCode);
    }

    [SkippableFact]
    public async Task Deleted_token_is_refused_at_once_here_and_within_the_revocation_delay_when_another_instance_deleted_it()
    {
        Nginx.Require();
        var (userId, _, deletedHere, hereCode) = await gateway.MemberTokenAsync();
        var (elsewhereOwner, _, deletedElsewhere, elsewhereCode) = await gateway.MemberTokenAsync();
        using var client = gateway.Client();
        // Until this instance trusts both from its cache, with the feed read up to here: the owners' joining the group is
        // recorded just after its commit and, read from the feed, evicts their tokens (a token is cached from its second lookup).
        var cache = gateway.App.Services.GetRequiredService<TokenValidationCache>();
        var feed = gateway.App.Services.GetRequiredService<RevocationFeedPoller>();
        bool Cached(string code) => cache.Find(TokenCode.Digest(code)) is not null;
        for (var round = 0; round < 10 && !(Cached(hereCode) && Cached(elsewhereCode)); round++)
        {
            foreach (var code in new[] { hereCode, hereCode, elsewhereCode, elsewhereCode })
            {
                Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(NginxGateway.Call(HttpMethod.Get, "/orders", code))).StatusCode);
            }

            await feed.PollAsync(CancellationToken.None);
        }

        Assert.True(Cached(hereCode) && Cached(elsewhereCode));
        await using (var scope = gateway.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TokenService>().DeleteAsync(userId, deletedHere, CancellationToken.None);
        }

        await feed.PollAsync(CancellationToken.None);
        // Another instance's deletion reaches this one's database and its revocation feed, not its memory.
        await gateway.App.WithDbAsync(async db =>
        {
            await db.Tokens.Where(t => t.Id == deletedElsewhere).ExecuteDeleteAsync();
            db.Add(new RevocationFeedEntry { OwnerId = elsewhereOwner, TokenId = deletedElsewhere, Reason = "token.deleted", At = gateway.App.Time.GetUtcNow() });
            return await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(NginxGateway.Call(HttpMethod.Get, "/orders", hereCode))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(NginxGateway.Call(HttpMethod.Get, "/orders", elsewhereCode))).StatusCode);
        // The next poll of the feed, once a second, ends the trust.
        await feed.PollAsync(CancellationToken.None);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(NginxGateway.Call(HttpMethod.Get, "/orders", elsewhereCode))).StatusCode);
    }
}
