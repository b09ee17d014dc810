using System.Net;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>RFC 8414 metadata: named by the configured site address when there is one, never by a client's Host header.</summary>
public sealed class DiscoveryTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    private const string Path = "/.well-known/oauth-authorization-server";

    [Fact]
    public async Task Metadata_names_the_introspection_endpoint_and_basic_authentication()
    {
        using var http = app.CreateApiClient();

        using var response = await http.GetAsync(new Uri(Path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = await response.JsonAsync();
        Assert.Equal("http://localhost", json.GetProperty("issuer").GetString());
        Assert.Equal("http://localhost/connect/introspect", json.GetProperty("introspection_endpoint").GetString());
        Assert.Equal(["client_secret_basic"], json.GetProperty("introspection_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, json.GetProperty("response_types_supported").GetArrayLength());
    }

    [Fact]
    public async Task With_site_base_url_the_issuer_ignores_the_host_header()
    {
        using var site = TokensAppFactory.Dedicated().With("Site:BaseUrl", "https://tokens.example.com");
        using var http = site.CreateApiClient();

        using var response = await http.SendWithAsync(Path, r => r.Headers.Host = "evil.example.net");

        var json = await response.JsonAsync();
        Assert.Equal("https://tokens.example.com", json.GetProperty("issuer").GetString());
        Assert.Equal("https://tokens.example.com/connect/introspect", json.GetProperty("introspection_endpoint").GetString());
    }

    [Fact]
    public async Task Head_answers_like_get_without_a_body()
    {
        using var http = app.CreateApiClient();

        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, Path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }
}
