using System.Net;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>
/// The API, /auth/verify and /connect/introspect take a pipeline of their own: none of the screens' cookie checks,
/// error pages or cookie policy, and still the forwarded headers, HEAD and problem details.
/// </summary>
public sealed class MachinePipelineTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    private const string EndedSessions = "\"EndedSessions\"";

    [Fact]
    public async Task A_browsers_cookie_sent_along_to_the_API_costs_no_session_check()
    {
        var (member, _) = await app.SignInMemberAsync();
        var (_, code) = await member.CreateTokenWithCodeAsync();
        var screens = app.Commands.CountContaining(EndedSessions);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/tokens")).Status);
        Assert.True(app.Commands.CountContaining(EndedSessions) > screens, "The counter sees the screens' session check.");

        var checks = app.Commands.CountContaining(EndedSessions);
        foreach (var url in new[] { ApiRequests.Me, ApiRequests.Tokens, ForwardAuthTests.Verify, ApiRequests.Ping })
        {
            Assert.Equal((url, HttpStatusCode.OK), (url, (await member.Http.GetWithTokenAsync(url, code)).StatusCode));
        }

        Assert.Equal(checks, app.Commands.CountContaining(EndedSessions));
    }

    [Theory]
    [InlineData("/api/v1/nothing-here")]
    [InlineData("/connect/introspect/more")]
    public async Task Unknown_machine_address_is_a_problem_404_without_a_cookie(string url)
    {
        using var client = app.CreateApiClient();

        var response = await client.SendWithAsync(url, r => r.Headers.Accept.ParseAdd("text/html"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task HEAD_of_verify_answers_as_GET_without_a_body()
    {
        var (member, _) = await app.SignInMemberAsync();
        var (_, code) = await member.CreateTokenWithCodeAsync();
        using var gateway = app.CreateApiClient();

        var head = await gateway.SendAsync(ForwardAuthTests.Request("HEAD", code));
        var refused = await gateway.SendAsync(ForwardAuthTests.Request("HEAD", null));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.True(head.Headers.Contains("X-ScoutPrime-Token-Id"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Empty(await refused.Content.ReadAsByteArrayAsync());
    }
}
