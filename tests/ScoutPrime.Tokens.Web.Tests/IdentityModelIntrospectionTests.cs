using System.Net;
using Duende.IdentityModel.Client;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>
/// A standard OAuth client library that nobody here wrote (Duende.IdentityModel) finds the endpoint through the
/// RFC 8414 metadata and introspects with client_secret_basic, reading its own parsed result.
/// </summary>
public sealed class IdentityModelIntrospectionTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    // The test host is http://localhost: the library's policy allows plain HTTP on loopback only when told to.
    private static readonly DiscoveryPolicy Policy = new()
    {
        DiscoveryDocumentPath = "/.well-known/oauth-authorization-server",
        RequireHttps = false,
        RequireKeySet = false,
    };

    [Fact]
    public async Task Library_discovers_the_endpoint_and_reads_an_active_token_and_its_claims()
    {
        var (server, id, code, user) = await ArrangeAsync();
        using var http = app.CreateApiClient();

        var discovery = await http.GetDiscoveryDocumentAsync(new DiscoveryDocumentRequest { Address = "http://localhost", Policy = Policy });
        Assert.False(discovery.IsError, discovery.Error);
        Assert.Equal("http://localhost/connect/introspect", discovery.IntrospectionEndpoint);

        var result = await http.IntrospectTokenAsync(new TokenIntrospectionRequest
        {
            Address = discovery.IntrospectionEndpoint,
            ClientId = server.ClientId,
            ClientSecret = server.Secret,
            Token = code,
            TokenTypeHint = "access_token",
        });

        Assert.False(result.IsError, result.Error);
        Assert.True(result.IsActive);
        Assert.Equal(user.Id, result.Claims.Single(c => c.Type == "sub").Value);
        Assert.Equal(user.UserName, result.Claims.Single(c => c.Type == "username").Value);
        Assert.Equal(id.ToString(), result.Claims.Single(c => c.Type == "token_id").Value);
        Assert.Equal(server.ClientId, result.Claims.Single(c => c.Type == "client_id").Value);
        Assert.Equal(app.Time.GetUtcNow().AddDays(15).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), result.Claims.Single(c => c.Type == "exp").Value);
    }

    [Fact]
    public async Task Library_reads_a_deleted_and_an_unknown_token_as_inactive()
    {
        var (server, _, code, _) = await ArrangeAsync();
        var (owner, _) = await app.SignInMemberAsync();
        using var http = app.CreateApiClient();
        var owned = await owner.CreateTokenWithCodeAsync();
        await owner.DeleteTokenAsync(owned.Id);

        foreach (var token in new[] { owned.Code, TokenCode.Generate(), "garbage" })
        {
            var result = await http.IntrospectTokenAsync(Request(server, token));

            Assert.False(result.IsError, result.Error);
            Assert.False(result.IsActive);
            Assert.Equal(HttpStatusCode.OK, result.HttpStatusCode);
        }

        Assert.True((await http.IntrospectTokenAsync(Request(server, code))).IsActive);
    }

    [Fact]
    public async Task Library_reports_wrong_client_credentials_as_an_error()
    {
        var (server, _, code, _) = await ArrangeAsync();
        using var http = app.CreateApiClient();

        var result = await http.IntrospectTokenAsync(Request(server with { Secret = "rss_wrong" }, code));

        Assert.True(result.IsError);
        Assert.Equal(HttpStatusCode.Unauthorized, result.HttpStatusCode);
        Assert.False(result.IsActive);
    }

    private static TokenIntrospectionRequest Request(TestResourceServer server, string token) => new()
    {
        Address = "http://localhost/connect/introspect",
        ClientId = server.ClientId,
        ClientSecret = server.Secret,
        Token = token,
    };

    private async Task<(TestResourceServer Server, Guid Id, string Code, Data.AppUser User)> ArrangeAsync()
    {
        var (admin, _) = await app.SignInNewUserAsync(Roles.Administrators);
        var server = await admin.CreateResourceServerAsync();
        var (member, user) = await app.SignInMemberAsync();
        var (id, code) = await member.CreateTokenWithCodeAsync("Library check", 15);
        return (server, id, code, user);
    }
}
