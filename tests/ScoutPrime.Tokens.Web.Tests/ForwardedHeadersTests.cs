using System.Net;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Behind a configured proxy, the rate limiter sees the real client; nobody else can choose an address.</summary>
public sealed class ForwardedHeadersTests
{
    private const string Proxy = "10.0.0.5";

    [Fact]
    public async Task Known_proxy_tells_clients_apart_and_an_unknown_peer_cannot_pick_its_address()
    {
        using var app = TokensAppFactory.Dedicated().With("ForwardedHeaders:KnownProxies:0", Proxy);
        using var viaProxy = app.CreateApiClient(Proxy);
        using var direct = app.CreateApiClient("192.0.2.9");

        await FailTenTimesAsync(viaProxy, forwardedFor: "198.51.100.1");
        await FailTenTimesAsync(direct, forwardedFor: null);

        Assert.Equal(HttpStatusCode.TooManyRequests, await CallAsync(viaProxy, "198.51.100.1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(viaProxy, "198.51.100.2"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await CallAsync(direct, "198.51.100.3"));
    }

    private static async Task FailTenTimesAsync(HttpClient client, string? forwardedFor)
    {
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(client, forwardedFor));
        }
    }

    private static async Task<HttpStatusCode> CallAsync(HttpClient client, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiRequests.Me);
        request.Headers.Authorization = new("Bearer", TokenCode.Generate());
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return (await client.SendAsync(request)).StatusCode;
    }
}
