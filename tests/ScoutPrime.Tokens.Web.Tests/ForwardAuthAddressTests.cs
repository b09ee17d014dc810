using System.Net;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>
/// A gateway's check is counted against the client the gateway names (X-Forwarded-For or X-Real-IP), when the
/// gateway is a known proxy; anyone else naming a client names nobody.
/// </summary>
public sealed class ForwardAuthAddressTests
{
    private const string Proxy = "10.0.0.7";

    [Theory]
    [InlineData("X-Forwarded-For")]
    [InlineData("X-Real-IP")]
    public async Task Known_proxy_names_the_client_each_check_is_counted_against(string header)
    {
        using var app = TokensAppFactory.Dedicated().With("ForwardedHeaders:KnownProxies:0", Proxy);
        using var gateway = app.CreateApiClient(Proxy);

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await CheckAsync(gateway, (header, "198.51.100.1")));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await CheckAsync(gateway, (header, "198.51.100.1")));
        Assert.Equal(HttpStatusCode.Unauthorized, await CheckAsync(gateway, (header, "198.51.100.2")));
    }

    [Fact]
    public async Task Forged_client_addresses_from_an_unknown_peer_are_ignored()
    {
        using var app = TokensAppFactory.Dedicated().With("ForwardedHeaders:KnownProxies:0", Proxy);
        using var attacker = app.CreateApiClient("192.0.2.9");

        for (var i = 0; i < 10; i++)
        {
            var forged = $"198.51.100.{10 + i}";
            Assert.Equal(HttpStatusCode.Unauthorized, await CheckAsync(attacker, ("X-Forwarded-For", forged), ("X-Real-IP", forged)));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await CheckAsync(attacker, ("X-Forwarded-For", "198.51.100.99")));
        Assert.Equal(HttpStatusCode.TooManyRequests, await CheckAsync(attacker, ("X-Real-IP", "198.51.100.98")));
        // The addresses it named are not blocked: they were never counted.
        using var gateway = app.CreateApiClient(Proxy);
        Assert.Equal(HttpStatusCode.Unauthorized, await CheckAsync(gateway, ("X-Forwarded-For", "198.51.100.10")));
    }

    private static async Task<HttpStatusCode> CheckAsync(HttpClient client, params (string Name, string Value)[] headers)
    {
        using var request = ForwardAuthTests.Request("GET", TokenCode.Generate());
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return (await client.SendAsync(request)).StatusCode;
    }
}
