using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.TokenState;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>
/// A change to a token or its owner reaches the instance that made it at once, even for a token already in that
/// instance's validation cache, and announces itself exactly once, after its commit.
/// </summary>
public sealed class TokenStateChangeTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Fact]
    public async Task Cached_token_deleted_by_its_owner_is_refused_on_the_very_next_call()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync("cached, then deleted");
        using var api = app.CreateApiClient();
        await api.CallUntilCachedAsync(code);

        await owner.DeleteTokenAsync(id);

        await ApiAuthenticationTests.AssertUniform401Async(await api.GetWithTokenAsync(ApiRequests.Me, code));
    }

    [Fact]
    public async Task Cached_token_of_a_member_an_administrator_removes_gets_403_on_the_very_next_call()
    {
        var (owner, account) = await app.SignInMemberAsync();
        var (_, code) = await owner.CreateTokenWithCodeAsync("cached, then owner removed");
        using var api = app.CreateApiClient();
        await api.CallUntilCachedAsync(code);
        var (admin, _) = await app.SignInNewUserAsync(Roles.Administrators);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.RemoveFromGroupAsync(account.Id)).Status);

        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
    }

    [Fact]
    public async Task Each_change_is_announced_once_after_its_commit()
    {
        var heard = new Recorder();
        using var observed = TokensAppFactory.Dedicated().WithServices(s => s.AddSingleton<ITokenStateSubscriber>(heard));
        var (owner, account) = await observed.SignInMemberAsync();
        var id = await owner.CreateTokenAsync("announced");
        var admin = observed.CreateBrowser();
        await admin.SignInAsync(TokensAppFactory.AdminEmail, TokensAppFactory.Password);
        Assert.Equal(
            new TokenStateChange.TokenCreated(account.Id, id, "announced", observed.Time.GetUtcNow().AddDays(15)),
            Assert.Single(heard.Changes, c => c is TokenStateChange.TokenCreated));
        var adminId = await observed.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == TokensAppFactory.AdminEmail).Id));
        heard.Changes.Clear();

        await owner.EditTokenAsync(id, "announced, edited", 3);
        await owner.DeleteTokenAsync(id);
        await admin.RemoveFromGroupAsync(account.Id);

        Assert.Collection(
            heard.Changes,
            c =>
            {
                var edited = Assert.IsType<TokenStateChange.TokenEdited>(c);
                Assert.Equal((account.Id, id), (edited.OwnerId, edited.TokenId));
            },
            // Who deleted it and what it was called: what a notice tells the owner once the token is gone.
            c => Assert.Equal(new TokenStateChange.TokenDeleted(account.Id, id, account.Id, "announced, edited"), c),
            // Once, though Identity saved the user inside the transaction as well: announced after the commit only.
            c => Assert.Equal(new TokenStateChange.OwnerChanged(account.Id, OwnerChange.Membership, Roles.ApiTokensGroup, false, adminId), c));
    }

    private sealed class Recorder : ITokenStateSubscriber
    {
        public ConcurrentQueue<TokenStateChange> Changes { get; } = new();

        public void OnCommitted(TokenStateChange change) => Changes.Enqueue(change);
    }
}
