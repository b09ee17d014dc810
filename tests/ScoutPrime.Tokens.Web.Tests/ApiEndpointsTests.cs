using System.Net;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>What the API answers a member, how it describes itself, and what it never lets out.</summary>
public sealed class ApiEndpointsTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Fact]
    public async Task Me_returns_the_caller_and_the_calling_token()
    {
        var (owner, user) = await app.SignInMemberAsync();
        await owner.CreateTokenAsync("another one");
        var (id, code) = await owner.CreateTokenWithCodeAsync("nightly sync", timeoutDays: 30);
        using var api = app.CreateApiClient();

        var response = await api.GetWithTokenAsync(ApiRequests.Me, code);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.JsonAsync();
        Assert.Equal(user.UserName, me.GetProperty("userName").GetString());
        Assert.Equal(user.Email, me.GetProperty("email").GetString());
        var token = me.GetProperty("token");
        Assert.Equal(id, token.GetProperty("id").GetGuid());
        Assert.Equal("nightly sync", token.GetProperty("description").GetString());
        Assert.Equal(app.Time.GetUtcNow().AddDays(30), token.GetProperty("expiresAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Me_gives_the_expiry_to_the_fraction_of_a_second_as_stored()
    {
        var (owner, _) = await app.SignInMemberAsync();
        app.Time.Advance(TimeSpan.FromMilliseconds(1500));
        var (_, code) = await owner.CreateTokenWithCodeAsync("created between two seconds", timeoutDays: 7);
        using var api = app.CreateApiClient();

        var me = await (await api.GetWithTokenAsync(ApiRequests.Me, code)).JsonAsync();

        Assert.Equal(app.Time.GetUtcNow().AddDays(7), me.GetProperty("token").GetProperty("expiresAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Tokens_lists_the_callers_tokens_as_metadata_only()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (first, code) = await owner.CreateTokenWithCodeAsync("first");
        // Newest first: created a moment apart, as people do (two tokens of one instant have no order to keep).
        app.Time.Advance(TimeSpan.FromSeconds(1));
        var (second, secondCode) = await owner.CreateTokenWithCodeAsync("second");
        var (stranger, _) = await app.SignInMemberAsync();
        var (_, strangerCode) = await stranger.CreateTokenWithCodeAsync("not yours");
        using var api = app.CreateApiClient();

        var response = await api.GetWithTokenAsync(ApiRequests.Tokens, code);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var tokens = (await response.JsonAsync()).EnumerateArray().ToList();
        Assert.Equal([second, first], tokens.Select(t => t.GetProperty("id").GetGuid()));
        Assert.All(tokens, t => Assert.Equal(
            ["id", "description", "createdAt", "expiresAt", "lastUsedAt"],
            t.EnumerateObject().Select(p => p.Name)));
        foreach (var secret in new[] { code, secondCode, strangerCode, "scp_", "digest", "protected" })
        {
            Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Ping_answers_without_a_token_and_says_nothing_about_anyone()
    {
        using var api = app.CreateApiClient();

        var response = await api.GetAsync(new Uri(ApiRequests.Ping, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"status":"ok"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ping_ignores_a_bearer_header_it_does_not_need()
    {
        using var configured = TokensAppFactory.Dedicated();
        var (owner, _) = await configured.SignInMemberAsync();
        var (_, code) = await owner.CreateTokenWithCodeAsync();
        using var api = configured.CreateApiClient();
        await api.GetAsync(ApiRequests.Ping);
        var before = configured.Commands.Count;

        // Twenty bad codes and a good one: none is looked up, and no failure is counted against the address (the
        // eleventh would be blocked).
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Ping, i % 2 == 0 ? TokenCode.Generate() : "scp_short")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Ping, code)).StatusCode);
        Assert.Equal(before, configured.Commands.Count);
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetWithTokenAsync(ApiRequests.Me, TokenCode.Generate())).StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_api_and_its_bearer_scheme()
    {
        using var http = app.CreateApiClient();

        var response = await http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.JsonAsync();
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["/api/v1/credentials/revoke", "/api/v1/me", "/api/v1/tokens", "/api/v1/tokens/self/rotate", "/api/v1/tokens/{id}"], paths.Order(StringComparer.Ordinal));
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var me = document.GetProperty("paths").GetProperty("/api/v1/me").GetProperty("get");
        Assert.True(me.GetProperty("security")[0].TryGetProperty("Bearer", out _));
        Assert.True(me.GetProperty("responses").TryGetProperty("401", out _));
        // The leak report is public: no token asked for.
        var revoke = document.GetProperty("paths").GetProperty("/api/v1/credentials/revoke").GetProperty("post");
        Assert.False(revoke.TryGetProperty("security", out var security) && security.GetArrayLength() > 0);
        Assert.True(revoke.GetProperty("responses").TryGetProperty("202", out _));
    }

    [Fact]
    public async Task Unknown_api_address_answers_problem_details_not_a_page()
    {
        var (_, code) = await (await app.SignInMemberAsync()).Browser.CreateTokenWithCodeAsync();
        using var api = app.CreateApiClient();

        var response = await api.GetWithTokenAsync("/api/v1/nothing-here", code);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, (await response.JsonAsync()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Client_accepting_only_html_still_gets_problem_details_never_a_page()
    {
        using var api = app.CreateApiClient();

        var response = await api.SendWithAsync(ApiRequests.Me, r => r.Headers.Accept.ParseAdd("text/html"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, (await response.JsonAsync()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task No_log_line_ever_holds_a_token_code()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var codes = new List<string>();
        using var api = app.CreateApiClient();
        for (var i = 0; i < 3; i++)
        {
            var (id, code) = await owner.CreateTokenWithCodeAsync($"logged {i}", timeoutDays: 1);
            codes.Add(code);
            await api.GetWithTokenAsync(ApiRequests.Me, code);
            await api.GetWithTokenAsync(ApiRequests.Tokens, code);
            await api.GetWithTokenAsync(ApiRequests.Me, code[..^1] + (code[^1] == 'a' ? 'b' : 'a'));
            await owner.EditTokenAsync(id, $"edited {i}", 2);
        }

        var unknown = TokenCode.Generate();
        codes.Add(unknown);
        await api.GetWithTokenAsync(ApiRequests.Me, unknown);
        app.Time.Advance(TimeSpan.FromDays(3));
        await api.GetWithTokenAsync(ApiRequests.Me, codes[0]);

        Assert.Contains(app.Logs.Lines, l => l.Contains("refused: Expired", StringComparison.Ordinal));
        foreach (var code in codes)
        {
            // The random part alone: neither the whole code nor the code less its checksum may appear.
            Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(code[TokenCode.Prefix.Length..^TokenCode.ChecksumLength], StringComparison.Ordinal));
        }
    }
}
