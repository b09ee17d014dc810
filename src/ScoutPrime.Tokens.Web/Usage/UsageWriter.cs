using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Usage;

/// <summary>
/// Writes the address rows that <see cref="LastUsed.LastUsedWriter"/> collected in one flush: merged per (token, address),
/// each token trimmed to its <see cref="TokenUsage.MaxAddresses"/> most recently seen, and rows unseen for
/// <see cref="TokenUsage.Retention"/> pruned. However many addresses arrive, a token's table never grows past its bound.
/// One implementation per provider, chosen at start-up (<see cref="For"/>); a test holds the two to the same rows.
/// </summary>
public interface IUsageWriter
{
    Task WriteAsync(TokensDbContext db, IReadOnlyCollection<UsageStamp> stamps, CancellationToken ct);

    /// <summary>SQLite's prepared upsert on SQLite; EF Core's change tracking on every other provider.</summary>
    static IUsageWriter For(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TokensDbContext>();
        return db.Database.IsSqlite() ? new SqliteUsageWriter(db.Model) : new EfUsageWriter();
    }
}

/// <summary>The rows through EF Core: read, merged in memory, saved. For SQL Server.</summary>
public sealed class EfUsageWriter : IUsageWriter
{
    // Ids per IN list: far below either provider's limit on parameters.
    private const int MaxStatement = 500;

    public async Task WriteAsync(TokensDbContext db, IReadOnlyCollection<UsageStamp> stamps, CancellationToken ct)
    {
        var usages = db.Set<TokenUsage>();
        var cutoff = stamps.Max(s => s.At) - TokenUsage.Retention;
        await usages.Where(u => u.LastSeen < cutoff).ExecuteDeleteAsync(ct);

        var byToken = stamps.GroupBy(s => s.TokenId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var ids in byToken.Keys.Chunk(MaxStatement))
        {
            // A token deleted since its call has no rows to keep (and would fail the foreign key).
            var live = await db.Set<ApiToken>().Where(t => ids.Contains(t.Id)).Select(t => t.Id).ToListAsync(ct);
            var rows = await usages.Where(u => ids.Contains(u.TokenId)).ToListAsync(ct);
            var rowsByToken = rows.ToLookup(u => u.TokenId);
            foreach (var id in live)
            {
                Merge(db, rowsByToken[id].ToList(), byToken[id]);
            }
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private static void Merge(TokensDbContext db, List<TokenUsage> rows, List<UsageStamp> stamps)
    {
        var byAddress = rows.ToDictionary(r => r.Address, StringComparer.Ordinal);
        var added = new List<TokenUsage>();
        foreach (var stamp in stamps.OrderBy(s => s.At))
        {
            if (!byAddress.TryGetValue(stamp.Address, out var row))
            {
                row = new TokenUsage { TokenId = stamp.TokenId, Address = stamp.Address, FirstSeen = stamp.At, LastSeen = stamp.At };
                byAddress.Add(stamp.Address, row);
                added.Add(row);
            }

            row.Calls += stamp.Calls;
            if (stamp.At >= row.LastSeen)
            {
                row.LastSeen = stamp.At;
                row.UserAgent = stamp.UserAgent;
            }
        }

        // The newest rows stay; an old row beyond the bound is deleted, a new one is never inserted.
        var kept = byAddress.Values.OrderByDescending(r => r.LastSeen).Take(TokenUsage.MaxAddresses).ToHashSet();
        foreach (var row in rows.Where(r => !kept.Contains(r)))
        {
            db.Remove(row);
        }

        db.Set<TokenUsage>().AddRange(added.Where(kept.Contains));
    }
}
