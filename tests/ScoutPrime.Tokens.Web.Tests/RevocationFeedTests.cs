using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoutPrime.Tokens.Web.Revocation;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>What goes into the revocation feed, and what an instance does with what it reads there.</summary>
public sealed class RevocationFeedTests : IDisposable
{
    private readonly TokensAppFactory _a = TokensAppFactory.Dedicated().With("Tokens:ValidationCacheSeconds", "3600");
    private readonly TokensAppFactory _b;

    public RevocationFeedTests() => _b = TokensAppFactory.OnDatabase(_a.DatabasePath).With("Tokens:ValidationCacheSeconds", "3600");

    public void Dispose()
    {
        _b.Dispose();
        _a.Dispose();
    }

    [Fact]
    public async Task Every_change_that_can_make_a_token_unusable_is_recorded_in_order()
    {
        var (owner, user) = await _a.SignInMemberAsync();
        var (edited, _) = await owner.CreateTokenWithCodeAsync("edited");
        var (deleted, _) = await owner.CreateTokenWithCodeAsync("deleted");
        var (_, leaked) = await owner.CreateTokenWithCodeAsync("leaked");
        var (admin, _) = await _a.SignInNewUserAsync(Web.Identity.Roles.ApiTokensGroup, Web.Identity.Roles.Administrators);
        // Creating and signing in the user recorded its own rows (owner.updated); only what follows is this test's.
        var before = await EndAsync(_a);

        await owner.EditTokenAsync(edited, "edited", 3);
        await owner.DeleteTokenAsync(deleted);
        await _a.CreateApiClient().ReportLeakedAsync([leaked]);
        await admin.RemoveFromGroupAsync(user.Id);

        var rows = await RowsAsync(_a, user.Id, before, expected: 4);
        Assert.Equal(["token.edited", "token.deleted", "token.leak-reported", "owner.membership"], rows.Select(r => r.Reason));
        Assert.Equal(edited, rows[0].TokenId);
        Assert.Equal(deleted, rows[1].TokenId);
        Assert.Null(rows[3].TokenId);
        Assert.Equal(rows.Select(r => r.Seq).Order(), rows.Select(r => r.Seq));
    }

    [Fact]
    public async Task Another_instance_trusts_its_cache_until_it_reads_the_feed_then_refuses()
    {
        var (owner, user) = await _a.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync("cached on B");
        using var onB = _b.CreateApiClient();
        await onB.CallUntilCachedAsync(code);
        var poller = _b.Services.GetRequiredService<RevocationFeedPoller>();
        await poller.PollAsync(CancellationToken.None);
        var before = await EndAsync(_a);

        await owner.DeleteTokenAsync(id);
        await RowsAsync(_a, user.Id, before, expected: 1);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);

        var last = poller.Last;
        await poller.PollAsync(CancellationToken.None);
        Assert.True(poller.Last > last, $"{last} -> {poller.Last}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await onB.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
    }

    [Fact]
    public async Task An_instance_starts_at_the_end_of_the_feed_and_rows_older_than_a_day_are_pruned()
    {
        var (owner, user) = await _a.SignInMemberAsync();
        var before = await EndAsync(_a);
        await owner.DeleteTokenAsync((await owner.CreateTokenWithCodeAsync("old")).Id);
        await RowsAsync(_a, user.Id, before, expected: 1);
        var poller = _b.Services.GetRequiredService<RevocationFeedPoller>();
        await poller.PollAsync(CancellationToken.None);
        var end = await EndAsync(_a);
        Assert.Equal(end, poller.Last);

        _b.Time.Advance(RevocationFeedPoller.Retention + TimeSpan.FromMinutes(11));
        await poller.PollAsync(CancellationToken.None);

        Assert.Equal(0, await _a.WithDbAsync(db => db.RevocationFeed.CountAsync()));
        Assert.Equal(end, poller.Last);
    }

    private static async Task<long> EndAsync(TokensAppFactory app) => await app.WithDbAsync(db => db.RevocationFeed.MaxAsync(e => (long?)e.Seq)) ?? 0;

    /// <summary>The owner's rows after <paramref name="after"/>, once the recorder (which writes after the commit, off the request) has written them.</summary>
    private static async Task<List<RevocationFeedEntry>> RowsAsync(TokensAppFactory app, string ownerId, long after, int expected)
    {
        for (var wait = 0; ; wait++)
        {
            var rows = await app.WithDbAsync(db => db.RevocationFeed.AsNoTracking().Where(e => e.OwnerId == ownerId && e.Seq > after).OrderBy(e => e.Seq).ToListAsync());
            if (rows.Count >= expected || wait == 100)
            {
                Assert.True(expected == rows.Count, string.Join(", ", rows.Select(r => $"{r.Seq} {r.Reason} {r.TokenId}")));
                return rows;
            }

            await Task.Delay(50);
        }
    }
}
