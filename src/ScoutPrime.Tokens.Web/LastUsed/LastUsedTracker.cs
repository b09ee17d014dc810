using ScoutPrime.Tokens.Web.Infrastructure;

namespace ScoutPrime.Tokens.Web.LastUsed;

/// <summary>
/// Decides which API call may write a token's <c>LastUsedAt</c>: the first one after <see cref="Interval"/> has passed
/// since the last write, and only one of any number of calls racing for it.
/// </summary>
public sealed class LastUsedTracker
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    // Writes older than the interval say nothing the database does not, so they are pruned; never refused, since a
    // token not tracked here could be written on every call.
    private readonly BoundedTable<Guid, long> _lastWrites = new(pruneAbove: 10_000);

    /// <summary>True for exactly one caller per token and interval; that caller writes <paramref name="now"/>.</summary>
    public bool TryClaimWrite(Guid tokenId, DateTimeOffset? storedLastUsed, DateTimeOffset now)
    {
        var stored = storedLastUsed?.UtcTicks ?? long.MinValue;
        var due = now.UtcTicks - Interval.Ticks;
        while (true)
        {
            if (_lastWrites.TryGetValue(tokenId, out var written))
            {
                if (Math.Max(written, stored) > due)
                {
                    return false;
                }

                if (_lastWrites.TryUpdate(tokenId, now.UtcTicks, written))
                {
                    return true;
                }
            }
            else
            {
                if (stored > due)
                {
                    return false;
                }

                if (_lastWrites.TryAdd(tokenId, now.UtcTicks, static (written, due) => written <= due, due))
                {
                    return true;
                }
            }
        }
    }
}
