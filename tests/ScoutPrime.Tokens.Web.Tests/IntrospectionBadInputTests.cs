using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Whatever an authenticated client sends, the answer is the specified 4xx (or a real answer), never a 500.</summary>
public sealed class IntrospectionBadInputTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    public static TheoryData<string, int, string> BadBodies => new()
    {
        { "repeated-token", 400, "The token parameter must appear once." },
        { "repeated-hint", 400, "The token_type_hint parameter must appear at most once." },
        { "empty-body", 400, "The token parameter is required." },
        { "no-body", 415, "application/x-www-form-urlencoded" },
        { "other-field-only", 400, "The token parameter is required." },
        { "1-mb", 413, "at most 8192 bytes" },
        { "1-mb-chunked", 413, "at most 8192 bytes" },
        { "json", 415, "application/x-www-form-urlencoded" },
        { "multipart", 415, "application/x-www-form-urlencoded" },
        { "invalid-utf8", 400, "UTF-8" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_body_gets_its_4xx_as_an_oauth_error(string kind, int status, string description)
    {
        var server = await NewServerAsync();
        using var http = app.CreateApiClient();

        using var response = await http.IntrospectAsync(ResourceServerScreens.Basic(server.ClientId, server.Secret), Body(kind));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var json = await response.JsonAsync();
        Assert.Equal("invalid_request", json.GetProperty("error").GetString());
        Assert.Contains(description, json.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_ascii_token_and_hint_are_just_inactive()
    {
        var server = await NewServerAsync();
        using var http = app.CreateApiClient();
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = "scp_日本語トークン", ["token_type_hint"] = "äccess_tøken" });

        await IntrospectionTests.AssertInactiveAsync(await http.IntrospectAsync(ResourceServerScreens.Basic(server.ClientId, server.Secret), form));
    }

    [Fact]
    public async Task Ten_kilobytes_of_other_headers_change_nothing()
    {
        var server = await NewServerAsync();
        using var http = app.CreateApiClient();

        using var response = await http.IntrospectAsync(
            ResourceServerScreens.Basic(server.ClientId, server.Secret),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = "scp_x" }),
            r => r.Headers.TryAddWithoutValidation("X-Padding", new string('p', 10 * 1024)));

        await IntrospectionTests.AssertInactiveAsync(response);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Other_methods_get_a_4xx_problem_never_the_sites_html(string method)
    {
        using var http = app.CreateApiClient();

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), ResourceServerScreens.Introspect));

        // 405 where routing names the method; a GET falls through to the site's 404: either way a machine's answer.
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.MethodNotAllowed, HttpStatusCode.NotFound });
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static HttpContent? Body(string kind) => kind switch
    {
        "repeated-token" => Form("token=scp_a&token=scp_b"),
        "repeated-hint" => Form("token=scp_a&token_type_hint=access_token&token_type_hint=refresh_token"),
        "empty-body" => Form(""),
        "no-body" => null,
        "other-field-only" => Form("client_id=x"),
        "1-mb" => Form("token=" + new string('a', 1024 * 1024)),
        "1-mb-chunked" => Chunked(Encoding.ASCII.GetBytes("token=" + new string('a', 1024 * 1024))),
        "json" => new StringContent("""{"token":"scp_a"}""", Encoding.UTF8, "application/json"),
        "multipart" => new MultipartFormDataContent { { new StringContent("scp_a"), "token" } },
        "invalid-utf8" => Bytes([(byte)'t', (byte)'o', (byte)'k', (byte)'e', (byte)'n', (byte)'=', 0xC3, 0x28]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static StringContent Form(string body) => new(body, Encoding.UTF8, "application/x-www-form-urlencoded");

    private static ByteArrayContent Bytes(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return content;
    }

    /// <summary>No Content-Length: the body is only found too large while it is read.</summary>
    private static StreamContent Chunked(byte[] body)
    {
        var content = new StreamContent(new MemoryStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return content;
    }

    private async Task<TestResourceServer> NewServerAsync()
    {
        var (admin, _) = await app.SignInNewUserAsync(Roles.Administrators);
        return await admin.CreateResourceServerAsync();
    }
}
