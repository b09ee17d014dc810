namespace ScoutPrime.Tokens.Web.Notices;

/// <summary>
/// When a token's owner hears of its expiry: 30, 7 and 1 days before it, and when it has expired. Pure: the token's
/// <c>NoticeDueAt</c> is the moment of the next threshold not yet passed, so the scan reads only what is due.
/// </summary>
public static class ExpiryThresholds
{
    /// <summary>Days before expiry, largest first; 0 is the expiry itself.</summary>
    public static readonly int[] Days = [30, 7, 1, 0];

    public static DateTimeOffset MomentOf(DateTimeOffset expiresAt, int days) => expiresAt.AddDays(-days);

    /// <summary>
    /// The first notice's moment for a token given <paramref name="expiresAt"/> at <paramref name="now"/> (created or
    /// edited): a threshold with less time left than its days is skipped; one with exactly that much is due at once.
    /// </summary>
    public static DateTimeOffset? FirstDue(DateTimeOffset now, DateTimeOffset expiresAt) =>
        Days.Select(d => MomentOf(expiresAt, d)).Where(m => m >= now).Cast<DateTimeOffset?>().FirstOrDefault();

    /// <summary>A notice whose moment is further behind than this is skipped: after an outage or an upgrade.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(1);

    /// <summary>
    /// The threshold a due token is told of at <paramref name="now"/>: the latest one passed (after a long outage the
    /// owner hears "1 day left", not a stale "30 days"; none when it is more than <see cref="StaleAfter"/> behind), and
    /// the moment of the one after it, if any.
    /// </summary>
    public static (int? Days, DateTimeOffset? NextDue) Due(DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var index = Array.FindLastIndex(Days, d => MomentOf(expiresAt, d) <= now);
        DateTimeOffset? next = index + 1 < Days.Length ? MomentOf(expiresAt, Days[index + 1]) : null;
        return index < 0 || now - MomentOf(expiresAt, Days[index]) > StaleAfter ? (null, next) : (Days[index], next);
    }
}
