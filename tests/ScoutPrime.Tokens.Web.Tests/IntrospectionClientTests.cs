using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Only a registered resource server may introspect: anything else is 401 with a Basic challenge, and is counted.</summary>
public sealed class IntrospectionClientTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    public static TheoryData<string> BadCredentials => new()
    {
        "none",
        "bearer",
        "wrong-secret",
        "unknown-client",
        "not-base64",
        "no-colon",
        "empty-secret",
        "non-ascii",
        "10-kb",
        "two-headers",
        "secret-as-client-id",
    };

    [Theory]
    [MemberData(nameof(BadCredentials))]
    public async Task Missing_or_wrong_client_credentials_get_401_with_a_basic_challenge(string kind)
    {
        var server = await NewServerAsync();
        var code = await NewTokenAsync();
        using var http = app.CreateApiClient();
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = code });

        using var response = kind == "two-headers"
            ? await http.IntrospectAsync(null, form, r => r.Headers.TryAddWithoutValidation(
                "Authorization", [ResourceServerScreens.Basic(server.ClientId, server.Secret).ToString(), ResourceServerScreens.Basic(server.ClientId, server.Secret).ToString()]))
            : await http.IntrospectAsync(Credentials(kind, server), form);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Basic", response.Headers.WwwAuthenticate.Single().Scheme, StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("invalid_client", (await response.JsonAsync()).GetProperty("error").GetString());
        Assert.DoesNotContain(code, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Form_url_encoded_credentials_are_decoded_as_rfc_6749_says()
    {
        var server = await NewServerAsync();
        using var http = app.CreateApiClient();
        // '_' escaped as %5F: a client library that encodes every character still authenticates.
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{server.ClientId.Replace("_", "%5F", StringComparison.Ordinal)}:{server.Secret.Replace("_", "%5F", StringComparison.Ordinal)}"));

        using var response = await http.IntrospectAsync(
            new AuthenticationHeaderValue("Basic", encoded), new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = await NewTokenAsync() }));

        Assert.True((await response.JsonAsync()).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Deleted_resource_server_gets_401_at_once()
    {
        var (admin, _) = await app.SignInNewUserAsync(Roles.Administrators);
        var server = await admin.CreateResourceServerAsync();
        var code = await NewTokenAsync();
        using var http = app.CreateApiClient();
        Assert.Equal(HttpStatusCode.OK, (await http.IntrospectAsync(server, code)).StatusCode);

        await admin.DeleteResourceServerAsync(server.Id);

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.IntrospectAsync(server, code)).StatusCode);
    }

    [Fact]
    public async Task An_address_that_keeps_failing_client_authentication_gets_429_with_retry_after()
    {
        var server = await NewServerAsync();
        using var http = app.CreateApiClient();
        // One character off (never the same one: a secret may end in "x").
        var wrong = server with { Secret = server.Secret[..^1] + (server.Secret[^1] == 'x' ? "y" : "x") };
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.IntrospectAsync(wrong, TokenCode.Generate())).StatusCode);
        }

        using var refused = await http.IntrospectAsync(wrong, TokenCode.Generate());

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Each_client_has_its_own_rate_limit_then_429_with_retry_after()
    {
        using var limited = TokensAppFactory.Dedicated().With("Introspection:RequestsPerMinutePerClient", "3");
        var (admin, _) = await limited.SignInNewUserAsync(Roles.Administrators);
        var (busy, quiet) = (await admin.CreateResourceServerAsync("Busy"), await admin.CreateResourceServerAsync("Quiet"));
        using var http = limited.CreateApiClient();
        for (var i = 0; i < 3; i++)
        {
            await IntrospectionTests.AssertInactiveAsync(await http.IntrospectAsync(busy, TokenCode.Generate()));
        }

        using var refused = await http.IntrospectAsync(busy, TokenCode.Generate());

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        await IntrospectionTests.AssertInactiveAsync(await http.IntrospectAsync(quiet, TokenCode.Generate()));
        Assert.Contains(limited.Logs.Lines, l => l.Contains($"client {busy.ClientId} is over its rate limit", StringComparison.Ordinal));
    }

    private static AuthenticationHeaderValue? Credentials(string kind, TestResourceServer server) => kind switch
    {
        "none" => null,
        "bearer" => new AuthenticationHeaderValue("Bearer", server.Secret),
        "wrong-secret" => ResourceServerScreens.Basic(server.ClientId, server.Secret[..^1] + (server.Secret[^1] == 'a' ? "b" : "a")),
        "unknown-client" => ResourceServerScreens.Basic("rs_" + new string('x', 22), server.Secret),
        "not-base64" => new AuthenticationHeaderValue("Basic", "%%%not base64%%%"),
        "no-colon" => new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(server.ClientId + server.Secret))),
        "empty-secret" => new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(server.ClientId + ":"))),
        "non-ascii" => new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(server.ClientId + ":sécrèt-ÄÖÜ"))),
        "10-kb" => new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(server.ClientId + ":" + new string('a', 10 * 1024)))),
        "secret-as-client-id" => ResourceServerScreens.Basic(server.Secret, server.ClientId),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private async Task<TestResourceServer> NewServerAsync()
    {
        var (admin, _) = await app.SignInNewUserAsync(Roles.Administrators);
        return await admin.CreateResourceServerAsync();
    }

    private async Task<string> NewTokenAsync()
    {
        var (member, _) = await app.SignInMemberAsync();
        return (await member.CreateTokenWithCodeAsync()).Code;
    }
}
