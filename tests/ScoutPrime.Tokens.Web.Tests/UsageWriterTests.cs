using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;
using ScoutPrime.Tokens.Web.Usage;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>
/// The two ways to write where tokens were used from give the same rows: SQLite's prepared upsert and EF Core's change
/// tracking (SQL Server's). Both run here on the same SQLite database, each for its own twin of the same token.
/// </summary>
public sealed class UsageWriterTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Fact]
    public async Task Prepared_upsert_and_EF_Core_agree_on_merges_trims_deleted_tokens_and_retention()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (sqliteToken, _) = await owner.CreateTokenWithCodeAsync("twin one");
        var (efToken, _) = await owner.CreateTokenWithCodeAsync("twin two");
        var (gone, _) = await owner.CreateTokenWithCodeAsync("deleted");
        await app.WithDbAsync(db => db.Set<ApiToken>().Where(t => t.Id == gone).ExecuteDeleteAsync());
        var t0 = app.Time.GetUtcNow();

        // One flush: twelve addresses (two beyond the bound), one of them twice, plus a deleted token's call.
        static IEnumerable<(string Address, string? Agent, int Seconds, long Calls)> First() =>
            Enumerable.Range(1, 12).Select(i => ($"198.51.100.{i}", (string?)$"job/{i}", i, 1L)).Append(("198.51.100.12", "job/12b", 13, 4L));
        // The next: an old address seen again, a stamp older than its row (its agent must not win), a row 91 days stale.
        static IEnumerable<(string Address, string? Agent, int Seconds, long Calls)> Second() =>
        [
            ("198.51.100.5", "job/5b", 600, 7),
            ("198.51.100.12", "late/agent", 2, 1),
            ("2001:db8::1", null, 601, 1),
        ];

        foreach (var (writer, token) in new (IUsageWriter, Guid)[] { (new SqliteUsageWriter(Model()), sqliteToken), (new EfUsageWriter(), efToken) })
        {
            await WriteAsync(writer, First().Select(s => Stamp(token, s, t0)).Append(Stamp(gone, ("198.51.100.99", "x", 1, 1), t0)));
            await WriteAsync(writer, Second().Select(s => Stamp(token, s, t0)));
        }

        var sqliteRows = await RowsAsync(sqliteToken);
        Assert.Equal(TokenUsage.MaxAddresses, sqliteRows.Count);
        Assert.Equal(await RowsAsync(efToken), sqliteRows);
        Assert.Contains(sqliteRows, r => r is { Address: "198.51.100.12", Calls: 6, UserAgent: "job/12b" });
        Assert.Contains(sqliteRows, r => r is { Address: "198.51.100.5", Calls: 8, UserAgent: "job/5b" });
        Assert.DoesNotContain(sqliteRows, r => r.Address is "198.51.100.1" or "198.51.100.2" or "198.51.100.3");
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<TokenUsage>().CountAsync(u => u.TokenId == gone)));

        // 91 days on, a flush for either token prunes the rows unseen for 90 days, whichever writer runs.
        var later = t0.AddDays(91);
        await WriteAsync(new SqliteUsageWriter(Model()), [new UsageStamp(efToken, "203.0.113.1", null, later, 1)]);
        Assert.Equal(["203.0.113.1"], (await RowsAsync(efToken)).Select(r => r.Address));
        Assert.Empty(await RowsAsync(sqliteToken));
    }

    private static UsageStamp Stamp(Guid token, (string Address, string? Agent, int Seconds, long Calls) s, DateTimeOffset t0) =>
        new(token, s.Address, s.Agent, t0.AddSeconds(s.Seconds), s.Calls);

    private Microsoft.EntityFrameworkCore.Metadata.IModel Model() =>
        app.Services.CreateScope().ServiceProvider.GetRequiredService<TokensDbContext>().Model;

    private async Task WriteAsync(IUsageWriter writer, IEnumerable<UsageStamp> stamps)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await writer.WriteAsync(scope.ServiceProvider.GetRequiredService<TokensDbContext>(), stamps.ToList(), CancellationToken.None);
    }

    private Task<List<(string Address, string? UserAgent, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, long Calls)>> RowsAsync(Guid token) =>
        app.WithDbAsync(async db => (await db.Set<TokenUsage>().Where(u => u.TokenId == token).ToListAsync())
            .Select(u => (u.Address, u.UserAgent, u.FirstSeen, u.LastSeen, u.Calls)).OrderBy(r => r.Address, StringComparer.Ordinal).ToList());
}
