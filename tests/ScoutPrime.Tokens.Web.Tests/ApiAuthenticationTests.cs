using System.Net;
using System.Text.Json.Nodes;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Every bad credential gets the same 401, whichever way it is bad.</summary>
public sealed class ApiAuthenticationTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    public static TheoryData<TheoryCase<BadCredential>> BadCredentials => TheoryCases.All<BadCredential>();

    [Theory]
    [MemberData(nameof(BadCredentials))]
    public async Task Bad_credential_is_refused_with_the_uniform_401(TheoryCase<BadCredential> credential)
    {
        var bad = credential.Value;
        var (owner, _) = await app.SignInMemberAsync();
        var (_, code) = await owner.CreateTokenWithCodeAsync();
        using var api = app.CreateApiClient();
        var logged = app.Logs.Lines.Count;

        var response = await api.SendWithAsync(bad.Url(code), r => bad.Present(r.Headers, code));

        await AssertUniform401Async(response);
        Assert.Contains($"API call refused: {bad.LoggedReason}", string.Join('\n', app.Logs.Lines.Skip(logged)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
    }

    [Fact]
    public async Task Token_is_accepted_one_second_before_its_expiry_and_refused_at_it()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync("one day", timeoutDays: 1);
        using var api = app.CreateApiClient();

        app.Time.Advance(TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);

        app.Time.Advance(TimeSpan.FromSeconds(1));
        await AssertUniform401Async(await api.GetWithTokenAsync(ApiRequests.Me, code));
        Assert.Contains(app.Logs.Lines, l => l.Contains($"token {id} refused: Expired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deleted_token_is_refused_on_the_very_next_call()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync("short-lived");
        using var api = app.CreateApiClient();
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);

        await owner.DeleteTokenAsync(id);

        await AssertUniform401Async(await api.GetWithTokenAsync(ApiRequests.Me, code));
    }

    [Fact]
    public async Task Signed_in_browser_cookie_alone_does_not_authenticate_the_api()
    {
        var (member, _) = await app.SignInMemberAsync();
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/tokens")).Status);

        foreach (var url in new[] { ApiRequests.Me, ApiRequests.Tokens })
        {
            await AssertUniform401Async(await member.Http.GetAsync(new Uri(url, UriKind.Relative)));
        }
    }

    [Fact]
    public async Task Refusal_reasons_are_logged_without_the_code()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (_, code) = await owner.CreateTokenWithCodeAsync();
        var mistyped = code[..^1] + (code[^1] == 'a' ? 'b' : 'a');
        using var api = app.CreateApiClient();

        await api.GetWithTokenAsync(ApiRequests.Me, mistyped);
        await api.GetWithTokenAsync(ApiRequests.Me, "xyz_" + code[4..]);

        Assert.Contains(app.Logs.Lines, l => l.Contains("API call refused: BadChecksum", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, l => l.Contains("API call refused: WrongPrefix", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(code[4..^6], StringComparison.Ordinal));
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
}
