using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Admin.Inventory;

/// <summary>One token as the inventory shows it: metadata and its owner's email, never a code.</summary>
public sealed record InventoryRow(
    Guid Id, string Description, string OwnerId, string? OwnerEmail,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt,
    bool IsSuspended = false, bool IsReplaced = false);

/// <summary>How many tokens each status (and "never used") would match with the filter's other fields.</summary>
public sealed record InventoryCounts(int Total, IReadOnlyDictionary<InventoryStatus, int> ByStatus, int NeverUsed);

public sealed record InventoryPage(IReadOnlyList<InventoryRow> Rows, InventoryCounts Counts, int Matching, int Page, int PageCount);

/// <summary>
/// Every token of every user, for administrators: a page, the counts, a stream for the CSV export and the ids a bulk
/// revoke works through. One filter (<see cref="Filtered"/>) serves all four, so what is counted is what is listed,
/// exported and revoked.
/// </summary>
public sealed class TokenInventory(TokensDbContext db, ILookupNormalizer normalizer, TimeProvider time, IOptions<Tokens.TokenOptions> options)
{
    public const int PageSize = 50;

    public async Task<InventoryPage> PageAsync(InventoryFilter filter, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var counts = await CountAsync(filter, now, ct);
        var matching = await Filtered(filter, now).CountAsync(ct);
        var pageCount = Math.Max(1, (matching + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.PageNumber, 1, pageCount);
        var rows = await Sorted(filter, now).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new InventoryPage(rows, counts, matching, page, pageCount);
    }

    /// <summary>
    /// What changing one field would give: a count per status with every other field, and the "never used" count with
    /// every field but itself. One COUNT each, which an index answers when no other field is set (the common first
    /// look at a million tokens).
    /// </summary>
    public async Task<InventoryCounts> CountAsync(InventoryFilter filter, DateTimeOffset now, CancellationToken ct)
    {
        var anyStatus = Filtered(filter, now, includeStatus: false);
        var byStatus = new Dictionary<InventoryStatus, int>();
        foreach (var status in InventoryStatuses.Offered)
        {
            byStatus[status] = await anyStatus.CountAsync(InventoryStatuses.Where(status, now, options.Value.ExpiresSoonDays), ct);
        }

        var neverUsed = await Filtered(filter, now, includeNeverUsed: false).CountAsync(t => t.LastUsedAt == null, ct);
        return new InventoryCounts(await anyStatus.CountAsync(ct), byStatus, neverUsed);
    }

    public Task<int> CountMatchingAsync(InventoryFilter filter, CancellationToken ct) => Filtered(filter, time.GetUtcNow()).CountAsync(ct);

    /// <summary>Every matching row in the screen's order, read one at a time from the database: never a list in memory.</summary>
    public IAsyncEnumerable<InventoryRow> StreamAsync(InventoryFilter filter) => Sorted(filter, time.GetUtcNow()).AsAsyncEnumerable();

    /// <summary>
    /// The first <paramref name="size"/> matching ids in id order: a bulk revoke's next batch. Revoked tokens no longer
    /// match, so asking again gives the batch after.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> NextBatchAsync(InventoryFilter filter, DateTimeOffset now, int size, CancellationToken ct) =>
        await Filtered(filter, now).OrderBy(t => t.Id).Select(t => t.Id).Take(size).ToListAsync(ct);

    private IQueryable<InventoryRow> Sorted(InventoryFilter filter, DateTimeOffset now)
    {
        var rows =
            from t in Filtered(filter, now)
            join u in db.Users on t.OwnerId equals u.Id
            select new { t, u.Email, u.NormalizedEmail };
        // The id breaks ties, so paging never shows a token twice or skips one.
        var sorted = (filter.Sort, filter.Reverse) switch
        {
            (InventorySort.Expires, false) => rows.OrderByDescending(r => r.t.ExpiresAt).ThenByDescending(r => r.t.Id),
            (InventorySort.Expires, true) => rows.OrderBy(r => r.t.ExpiresAt).ThenBy(r => r.t.Id),
            (InventorySort.LastUsed, false) => rows.OrderByDescending(r => r.t.LastUsedAt).ThenByDescending(r => r.t.Id),
            (InventorySort.LastUsed, true) => rows.OrderBy(r => r.t.LastUsedAt).ThenBy(r => r.t.Id),
            (InventorySort.Owner, false) => rows.OrderBy(r => r.NormalizedEmail).ThenByDescending(r => r.t.CreatedAt).ThenBy(r => r.t.Id),
            (InventorySort.Owner, true) => rows.OrderByDescending(r => r.NormalizedEmail).ThenByDescending(r => r.t.CreatedAt).ThenBy(r => r.t.Id),
            (_, false) => rows.OrderByDescending(r => r.t.CreatedAt).ThenByDescending(r => r.t.Id),
            (_, true) => rows.OrderBy(r => r.t.CreatedAt).ThenBy(r => r.t.Id),
        };
        return sorted.Select(r => new InventoryRow(
            r.t.Id, r.t.Description, r.t.OwnerId, r.Email, r.t.CreatedAt, r.t.ExpiresAt, r.t.LastUsedAt,
            r.t.SuspendedAt != null, r.t.ReplacedById != null));
    }

    private IQueryable<ApiToken> Filtered(InventoryFilter filter, DateTimeOffset now, bool includeStatus = true, bool includeNeverUsed = true)
    {
        var tokens = db.Set<ApiToken>().AsNoTracking();
        if (filter.Owner is { } owner)
        {
            // Identity upper-cases the normalized column, so the search ignores case on every provider.
            var normalized = normalizer.NormalizeEmail(owner);
            var users = db.Users;
            tokens = tokens.Where(t => users.Any(u => u.Id == t.OwnerId && u.NormalizedEmail!.Contains(normalized)));
        }

        if (includeStatus && filter.Status != InventoryStatus.Any)
        {
            tokens = tokens.Where(InventoryStatuses.Where(filter.Status, now, options.Value.ExpiresSoonDays));
        }

        if (includeNeverUsed && filter.NeverUsed)
        {
            tokens = tokens.Where(t => t.LastUsedAt == null);
        }

        if (filter.IdleDays is { } days)
        {
            tokens = tokens.Where(TokensData.IdleSince(now.AddDays(-days)));
        }

        if (filter.CreatedBefore is { } date)
        {
            // The date is read in UTC, as the screens show times: created before its midnight.
            var midnight = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            tokens = tokens.Where(t => t.CreatedAt < midnight);
        }

        return tokens;
    }
}
