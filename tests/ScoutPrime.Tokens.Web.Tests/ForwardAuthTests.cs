using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.ForwardAuth;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>
/// <c>/auth/verify</c>, what a gateway asks before letting a call through: the API's own answers (401, 403, 429),
/// and for a good token an empty 200 whose headers say who called.
/// </summary>
public sealed class ForwardAuthTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    public const string Verify = ForwardAuthEndpoint.Path;

    public static TheoryData<TheoryCase<BadCredential>> BadCredentials => ApiAuthenticationTests.BadCredentials;

    public static TheoryData<string> Methods => ["GET", "POST", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND"];

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Member_token_gets_an_empty_200_naming_the_caller_whatever_the_method(string method)
    {
        var (owner, user) = await app.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync("gateway", timeoutDays: 15);
        var expires = (await (await app.CreateApiClient().GetWithTokenAsync(ApiRequests.Me, code)).JsonAsync())
            .GetProperty("token").GetProperty("expiresAt").GetDateTimeOffset();
        using var gateway = app.CreateApiClient();

        var response = await gateway.SendAsync(Request(method, code));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(user.Id, Header(response, ForwardAuthEndpoint.UserIdHeader));
        Assert.Equal(user.Email, Header(response, ForwardAuthEndpoint.UserEmailHeader));
        Assert.Equal(id.ToString(), Header(response, ForwardAuthEndpoint.TokenIdHeader));
        Assert.Equal(expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), Header(response, ForwardAuthEndpoint.TokenExpiresHeader));
        Assert.Equal(expires, DateTimeOffset.Parse(Header(response, ForwardAuthEndpoint.TokenExpiresHeader)!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Theory]
    [MemberData(nameof(BadCredentials))]
    public async Task Bad_credential_gets_the_APIs_uniform_401(TheoryCase<BadCredential> credential)
    {
        var bad = credential.Value;
        var (owner, _) = await app.SignInMemberAsync();
        var (_, code) = await owner.CreateTokenWithCodeAsync();
        using var gateway = app.CreateApiClient();
        var logged = app.Logs.Lines.Count;

        var url = bad.CodeInQuery ? $"{Verify}?access_token={code}" : Verify;
        var response = await gateway.SendWithAsync(url, r => bad.Present(r.Headers, code));

        await ApiAuthenticationTests.AssertUniform401Async(response);
        Assert.False(response.Headers.Contains(ForwardAuthEndpoint.UserIdHeader));
        Assert.Contains($"API call refused: {bad.LoggedReason}", string.Join('\n', app.Logs.Lines.Skip(logged)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Owner_outside_the_group_or_locked_out_gets_403_and_no_identity()
    {
        var (owner, user) = await app.SignInMemberAsync();
        var (_, code) = await owner.CreateTokenWithCodeAsync();
        using var gateway = app.CreateApiClient();
        Assert.Equal(HttpStatusCode.OK, (await gateway.SendAsync(Request("GET", code))).StatusCode);

        await ChangeUserAsync(user.Id, (users, u) => users.RemoveFromRoleAsync(u, Roles.ApiTokensGroup));
        await AssertForbiddenAsync(await gateway.SendAsync(Request("GET", code)));

        await ChangeUserAsync(user.Id, (users, u) => users.AddToRoleAsync(u, Roles.ApiTokensGroup));
        await ChangeUserAsync(user.Id, (users, u) => users.SetLockoutEndDateAsync(u, app.Time.GetUtcNow().AddHours(1)));
        await AssertForbiddenAsync(await gateway.SendAsync(Request("GET", code)));

        app.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.OK, (await gateway.SendAsync(Request("GET", code))).StatusCode);
    }

    [Fact]
    public async Task Browser_cookie_alone_is_not_a_credential()
    {
        var (member, _) = await app.SignInMemberAsync();

        await ApiAuthenticationTests.AssertUniform401Async(await member.Http.GetAsync(new Uri(Verify, UriKind.Relative)));
    }

    [Fact]
    public async Task Deleted_token_is_refused_on_the_next_check()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync();
        using var gateway = app.CreateApiClient();
        await gateway.CallUntilCachedAsync(code);
        Assert.Equal(HttpStatusCode.OK, (await gateway.SendAsync(Request("GET", code))).StatusCode);

        await owner.DeleteTokenAsync(id);

        await ApiAuthenticationTests.AssertUniform401Async(await gateway.SendAsync(Request("GET", code)));
    }

    [Fact]
    public async Task Failures_on_the_API_and_on_verify_count_against_one_address_and_the_eleventh_gets_429()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (_, code) = await owner.CreateTokenWithCodeAsync();
        using var attacker = app.CreateApiClient();

        for (var i = 0; i < 10; i++)
        {
            var url = i % 2 == 0 ? ApiRequests.Me : Verify;
            Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.GetWithTokenAsync(url, TokenCode.Generate())).StatusCode);
        }

        var refused = await attacker.SendAsync(Request("GET", TokenCode.Generate()));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await attacker.SendAsync(Request("GET", code))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateApiClient().SendAsync(Request("GET", code))).StatusCode);
    }

    internal static HttpRequestMessage Request(string method, string? code)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), new Uri(Verify, UriKind.Relative));
        if (code is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", code);
        }

        return request;
    }

    internal static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? Assert.Single(values) : null;

    private static async Task AssertForbiddenAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains(ForwardAuthEndpoint.UserIdHeader));
        Assert.Equal(403, (await response.JsonAsync()).GetProperty("status").GetInt32());
    }

    private async Task ChangeUserAsync(string id, Func<UserManager<AppUser>, AppUser, Task<IdentityResult>> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True((await change(users, (await users.FindByIdAsync(id))!)).Succeeded);
    }
}
