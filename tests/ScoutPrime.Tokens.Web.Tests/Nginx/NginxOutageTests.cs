using System.Net;

namespace ScoutPrime.Tokens.Web.Tests.Nginx;

/// <summary>With the token service stopped, the gateway is unavailable (503), not broken (500), and lets nobody through.</summary>
public sealed class NginxOutageTests : IAsyncLifetime
{
    private readonly NginxGateway _gateway = new();

    public Task InitializeAsync() => _gateway.InitializeAsync();

    [SkippableFact]
    public async Task Application_stopped_gives_503_with_Retry_After()
    {
        Nginx.Require();
        var (_, _, _, code) = await _gateway.MemberTokenAsync();
        using var client = _gateway.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(NginxGateway.Call(HttpMethod.Get, "/orders", code))).StatusCode);
        var reached = _gateway.Upstream.Requests;

        _gateway.App.Dispose();

        foreach (var credential in new[] { code, null })
        {
            var response = await client.SendAsync(NginxGateway.Call(HttpMethod.Get, "/orders", credential));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(reached, _gateway.Upstream.Requests);
    }

    public Task DisposeAsync() => _gateway.DisposeAsync();
}
