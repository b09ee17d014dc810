using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>RFC 7662 answers: the token's facts when it would authenticate an API call, otherwise exactly {"active":false}.</summary>
public sealed class IntrospectionTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    private const string Inactive = """{"active":false}""";

    [Fact]
    public async Task Active_token_is_described_with_the_rfc_7662_fields()
    {
        var server = await NewServerAsync();
        var (member, user) = await app.SignInMemberAsync();
        var created = app.Time.GetUtcNow();
        var (id, code) = await member.CreateTokenWithCodeAsync("Search export", 15);
        using var http = app.CreateApiClient();

        using var response = await http.IntrospectAsync(server, code);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var json = await response.JsonAsync();
        Assert.True(json.GetProperty("active").GetBoolean());
        Assert.Equal(user.Id, json.GetProperty("sub").GetString());
        Assert.Equal(user.UserName, json.GetProperty("username").GetString());
        Assert.Equal(id, json.GetProperty("token_id").GetGuid());
        Assert.Equal(created.AddDays(15).ToUnixTimeSeconds(), json.GetProperty("exp").GetInt64());
        Assert.Equal(created.ToUnixTimeSeconds(), json.GetProperty("iat").GetInt64());
        Assert.Equal("Bearer", json.GetProperty("token_type").GetString());
        Assert.Equal(server.ClientId, json.GetProperty("client_id").GetString());
        Assert.Equal(8, json.EnumerateObject().Count());
    }

    public static TheoryData<string> Malformed => new()
    {
        "",
        "not-a-token",
        "scp_" + new string('A', 36),
        TokenCode.Generate()[..^1] + "!",
        "scp_ÄÖÜäöü" + new string('a', 30),
        "Bearer " + TokenCode.Generate(),
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Malformed_token_is_inactive_without_a_lookup(string token)
    {
        var server = await NewServerAsync();
        using var http = app.CreateApiClient();
        using var lookups = app.CountDatabaseLookups();

        await AssertInactiveAsync(await http.IntrospectAsync(server, token));
        Assert.Empty(lookups.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task Unknown_well_formed_token_is_inactive() =>
        await AssertInactiveAsync(await app.CreateApiClient().IntrospectAsync(await NewServerAsync(), TokenCode.Generate()));

    [Fact]
    public async Task Deleted_token_is_inactive_at_once_even_when_cached()
    {
        var server = await NewServerAsync();
        var (member, _) = await app.SignInMemberAsync();
        var (id, code) = await member.CreateTokenWithCodeAsync();
        using var http = app.CreateApiClient();
        await http.CallUntilCachedAsync(code);

        await member.DeleteTokenAsync(id);

        await AssertInactiveAsync(await http.IntrospectAsync(server, code));
    }

    [Fact]
    public async Task Expired_token_is_inactive()
    {
        using var dedicated = TokensAppFactory.Dedicated();
        var (admin, _) = await dedicated.SignInNewUserAsync(Roles.Administrators);
        var server = await admin.CreateResourceServerAsync();
        var (member, _) = await dedicated.SignInMemberAsync();
        var (_, code) = await member.CreateTokenWithCodeAsync(timeoutDays: 1);
        using var http = dedicated.CreateApiClient();
        Assert.Equal(HttpStatusCode.OK, (await http.IntrospectAsync(server, code)).StatusCode);

        dedicated.Time.Advance(TimeSpan.FromDays(1));

        await AssertInactiveAsync(await http.IntrospectAsync(server, code));
    }

    [Fact]
    public async Task Token_of_an_owner_removed_from_the_group_is_inactive() =>
        await AssertInactiveAfterAsync((users, u) => users.RemoveFromRoleAsync(u, Roles.ApiTokensGroup));

    [Fact]
    public async Task Token_of_a_locked_out_owner_is_inactive() =>
        await AssertInactiveAfterAsync((users, u) => users.SetLockoutEndDateAsync(u, app.Time.GetUtcNow().AddHours(1)));

    [Fact]
    public async Task Token_of_a_deleted_owner_is_inactive() =>
        await AssertInactiveAfterAsync((users, u) => users.DeleteAsync(u));

    [Fact]
    public async Task Suspended_token_is_inactive_and_refused_by_the_gateway_check() =>
        await AssertInactiveLikeTheApiAsync(async (owner, id, _) => await owner.SetSuspendedAsync(id));

    [Fact]
    public async Task Token_rotated_with_stop_now_is_inactive_and_refused_by_the_gateway_check() =>
        await AssertInactiveLikeTheApiAsync(async (owner, id, _) => await owner.RotateToSuccessorAsync(id, "PT0S"));

    [Fact]
    public async Task Token_whose_overlap_ended_at_its_successors_first_use_is_inactive_and_refused_by_the_gateway_check() =>
        await AssertInactiveLikeTheApiAsync(async (owner, id, api) =>
        {
            var (_, successor, _) = await owner.RotateToSuccessorAsync(id, "untilFirstUse");
            Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, successor)).StatusCode);
        });

    [Fact]
    public async Task Introspection_shares_the_apis_cache_so_a_warm_token_costs_no_lookup()
    {
        var server = await NewServerAsync();
        var (member, _) = await app.SignInMemberAsync();
        var (_, code) = await member.CreateTokenWithCodeAsync();
        using var http = app.CreateApiClient();
        await http.CallUntilCachedAsync(code);
        using var lookups = app.CountDatabaseLookups();

        Assert.True((await (await http.IntrospectAsync(server, code)).JsonAsync()).GetProperty("active").GetBoolean());
        Assert.Empty(lookups.GetMeasurementSnapshot());
    }

    private async Task AssertInactiveAfterAsync(Func<UserManager<AppUser>, AppUser, Task<IdentityResult>> change)
    {
        var server = await NewServerAsync();
        var (member, user) = await app.SignInMemberAsync();
        var (_, code) = await member.CreateTokenWithCodeAsync();
        using var http = app.CreateApiClient();
        await http.CallUntilCachedAsync(code);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await change(users, (await users.FindByIdAsync(user.Id))!)).Succeeded);
        }

        await AssertInactiveAsync(await http.IntrospectAsync(server, code));
    }

    /// <summary>Once the API refuses the code after <paramref name="change"/>, introspection and /auth/verify refuse it too.</summary>
    private async Task AssertInactiveLikeTheApiAsync(Func<BrowserClient, Guid, HttpClient, Task> change)
    {
        var server = await NewServerAsync();
        var (member, _) = await app.SignInMemberAsync();
        var (id, code) = await member.CreateTokenWithCodeAsync();
        using var http = app.CreateApiClient();
        await http.CallUntilCachedAsync(code);

        await change(member, id, http);

        Assert.Equal(HttpStatusCode.Unauthorized, await http.StatusWithinAsync(code, HttpStatusCode.Unauthorized, 5));
        await AssertInactiveAsync(await http.IntrospectAsync(server, code));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetWithTokenAsync(ForwardAuth.ForwardAuthEndpoint.Path, code)).StatusCode);
    }

    private async Task<TestResourceServer> NewServerAsync()
    {
        var (admin, _) = await app.SignInNewUserAsync(Roles.Administrators);
        return await admin.CreateResourceServerAsync();
    }

    internal static async Task AssertInactiveAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal(Inactive, await response.Content.ReadAsStringAsync());
    }
}
