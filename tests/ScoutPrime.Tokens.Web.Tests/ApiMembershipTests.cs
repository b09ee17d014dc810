using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>A token works only while its owner may manage tokens; a change of standing counts on the next call.</summary>
public sealed class ApiMembershipTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Fact]
    public async Task Owner_removed_from_the_group_gets_403_until_added_back()
    {
        var (owner, user) = await app.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync();
        using var api = app.CreateApiClient();
        await api.CallUntilCachedAsync(code);

        await ChangeUserAsync(user.Id, (users, u) => users.RemoveFromRoleAsync(u, Roles.ApiTokensGroup));
        await Assert403Async(await api.GetWithTokenAsync(ApiRequests.Me, code));
        await Assert403Async(await api.GetWithTokenAsync(ApiRequests.Tokens, code));
        Assert.Contains(app.Logs.Lines, l => l.Contains($"token {id} forbidden: owner {user.Id} is not", StringComparison.Ordinal));

        await ChangeUserAsync(user.Id, (users, u) => users.AddToRoleAsync(u, Roles.ApiTokensGroup));
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
    }

    [Fact]
    public async Task Locked_out_owner_gets_403_until_the_lockout_ends()
    {
        var (owner, user) = await app.SignInMemberAsync();
        var (_, code) = await owner.CreateTokenWithCodeAsync();
        using var api = app.CreateApiClient();
        await api.CallUntilCachedAsync(code);

        await ChangeUserAsync(user.Id, (users, u) => users.SetLockoutEndDateAsync(u, app.Time.GetUtcNow().AddHours(1)));
        await Assert403Async(await api.GetWithTokenAsync(ApiRequests.Me, code));

        app.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
    }

    [Fact]
    public async Task Deleted_owner_takes_the_tokens_along_and_gets_401()
    {
        var (owner, user) = await app.SignInMemberAsync();
        var (_, code) = await owner.CreateTokenWithCodeAsync();
        using var api = app.CreateApiClient();
        await api.CallUntilCachedAsync(code);

        await ChangeUserAsync(user.Id, (users, u) => users.DeleteAsync(u));

        await ApiAuthenticationTests.AssertUniform401Async(await api.GetWithTokenAsync(ApiRequests.Me, code));
    }

    [Fact]
    public async Task Member_of_another_group_only_is_refused_with_403()
    {
        var (member, user) = await app.SignInMemberAsync();
        var (_, code) = await member.CreateTokenWithCodeAsync();
        await ChangeUserAsync(user.Id, async (users, u) =>
        {
            await users.AddToRoleAsync(u, Roles.Administrators);
            return await users.RemoveFromRoleAsync(u, Roles.ApiTokensGroup);
        });
        using var api = app.CreateApiClient();

        await Assert403Async(await api.GetWithTokenAsync(ApiRequests.Me, code));
    }

    private static async Task Assert403Async(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        Assert.Contains("not a member of the API Tokens Group", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Changes a user through Identity's user manager, as an administrator's screen would.</summary>
    private async Task ChangeUserAsync(string userId, Func<UserManager<AppUser>, AppUser, Task<IdentityResult>> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("No such user.");
        Assert.True((await change(users, user)).Succeeded);
    }
}
