using System.Net;
using System.Text.Json.Nodes;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Every bad credential gets the same 401, whichever way it is bad.</summary>
public sealed class ApiAuthenticationTests : IClassFixture<TokensAppFactory>
{
    private readonly TokensAppFactory _app;

    public ApiAuthenticationTests(TokensAppFactory app) => _app = app;

    /// <summary>A way of presenting a credential (given a real, valid code to spoil), and the reason the server logs.</summary>
    public static TheoryData<string, string> BadCredentials => new()
    {
        { "missing header", "NoAuthorizationHeader" },
        { "empty value", "NoAuthorizationHeader" }, // HTTP clients and servers drop an empty header
        { "bare Bearer", "NotBearer" },
        { "Bearer with nothing after it", "NotBearer" }, // trailing whitespace is not part of a header value
        { "Basic scheme", "NotBearer" },
        { "wrong prefix", "WrongPrefix" },
        { "bad checksum", "BadChecksum" },
        { "too short", "WrongLength" },
        { "too long", "WrongLength" },
        { "non-ASCII character", "NotBase62" },
        { "10 KB header", "WrongLength" },
        { "two Authorization headers", "SeveralAuthorizationHeaders" },
        { "unknown token", "UnknownOrDeleted" },
        { "code in the query string", "NoAuthorizationHeader" },
        { "code in a cookie", "NoAuthorizationHeader" },
    };

    [Theory]
    [MemberData(nameof(BadCredentials))]
    public async Task Bad_credential_is_refused_with_the_uniform_401(string credential, string loggedReason)
    {
        var (owner, _) = await _app.SignInMemberAsync();
        var (_, code) = await owner.CreateTokenWithCodeAsync();
        using var api = _app.CreateApiClient();
        var logged = _app.Logs.Lines.Count;

        var url = credential == "code in the query string" ? $"{ApiRequests.Me}?access_token={code}" : ApiRequests.Me;
        var response = await api.SendWithAsync(url, r => Present(r, credential, code));

        await AssertUniform401Async(response);
        Assert.Contains($"API call refused: {loggedReason}", string.Join('\n', _app.Logs.Lines.Skip(logged)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
    }

    [Fact]
    public async Task Token_is_accepted_one_second_before_its_expiry_and_refused_at_it()
    {
        var (owner, _) = await _app.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync("one day", timeoutDays: 1);
        using var api = _app.CreateApiClient();

        _app.Time.Advance(TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);

        _app.Time.Advance(TimeSpan.FromSeconds(1));
        await AssertUniform401Async(await api.GetWithTokenAsync(ApiRequests.Me, code));
        Assert.Contains(_app.Logs.Lines, l => l.Contains($"token {id} refused: Expired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deleted_token_is_refused_on_the_very_next_call()
    {
        var (owner, _) = await _app.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync("short-lived");
        using var api = _app.CreateApiClient();
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);

        await owner.DeleteTokenAsync(id);

        await AssertUniform401Async(await api.GetWithTokenAsync(ApiRequests.Me, code));
    }

    [Fact]
    public async Task Signed_in_browser_cookie_alone_does_not_authenticate_the_api()
    {
        var (member, _) = await _app.SignInMemberAsync();
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/tokens")).Status);

        foreach (var url in new[] { ApiRequests.Me, ApiRequests.Tokens })
        {
            await AssertUniform401Async(await member.Http.GetAsync(new Uri(url, UriKind.Relative)));
        }
    }

    [Fact]
    public async Task Refusal_reasons_are_logged_without_the_code()
    {
        var (owner, _) = await _app.SignInMemberAsync();
        var (_, code) = await owner.CreateTokenWithCodeAsync();
        var mistyped = code[..^1] + (code[^1] == 'a' ? 'b' : 'a');
        using var api = _app.CreateApiClient();

        await api.GetWithTokenAsync(ApiRequests.Me, mistyped);
        await api.GetWithTokenAsync(ApiRequests.Me, "xyz_" + code[4..]);

        Assert.Contains(_app.Logs.Lines, l => l.Contains("API call refused: BadChecksum", StringComparison.Ordinal));
        Assert.Contains(_app.Logs.Lines, l => l.Contains("API call refused: WrongPrefix", StringComparison.Ordinal));
        Assert.DoesNotContain(_app.Logs.Lines, l => l.Contains(code[4..^6], StringComparison.Ordinal));
    }

    internal static async Task AssertUniform401Async(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", Assert.Single(response.Headers.WwwAuthenticate).ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.True(body.Remove("traceId"));
        // The same document whatever went wrong: nothing in it says which case it was.
        Assert.Equal(
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.2","title":"Unauthorized","status":401}""",
            body.ToJsonString());
    }

    private static void Present(HttpRequestMessage request, string credential, string code)
    {
        var headers = request.Headers;
        switch (credential)
        {
            case "missing header":
            case "code in the query string":
                break;
            case "empty value":
                headers.TryAddWithoutValidation("Authorization", string.Empty);
                break;
            case "bare Bearer":
                headers.TryAddWithoutValidation("Authorization", "Bearer");
                break;
            case "Bearer with nothing after it":
                headers.TryAddWithoutValidation("Authorization", "Bearer ");
                break;
            case "Basic scheme":
                headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String("user:"u8.ToArray()) + code);
                break;
            case "wrong prefix":
                headers.TryAddWithoutValidation("Authorization", "Bearer scq_" + code[4..]);
                break;
            case "bad checksum":
                headers.TryAddWithoutValidation("Authorization", "Bearer " + code[..^1] + (code[^1] == 'a' ? 'b' : 'a'));
                break;
            case "too short":
                headers.TryAddWithoutValidation("Authorization", "Bearer " + code[..^1]);
                break;
            case "too long":
                headers.TryAddWithoutValidation("Authorization", "Bearer " + code + "a");
                break;
            case "non-ASCII character":
                headers.TryAddWithoutValidation("Authorization", "Bearer " + code[..10] + "é" + code[11..]);
                break;
            case "10 KB header":
                headers.TryAddWithoutValidation("Authorization", "Bearer " + code + new string('a', 10 * 1024));
                break;
            case "two Authorization headers":
                headers.TryAddWithoutValidation("Authorization", ["Bearer " + code, "Bearer " + code]);
                break;
            case "unknown token":
                headers.TryAddWithoutValidation("Authorization", "Bearer " + TokenCode.Generate());
                break;
            case "code in a cookie":
                headers.TryAddWithoutValidation("Cookie", $"access_token={code}; token={code}");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(credential), credential, null);
        }
    }
}
