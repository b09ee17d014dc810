using System.Collections.Concurrent;

namespace ScoutPrime.Tokens.Web.Api;

/// <summary>
/// Decides which API call may write a token's <c>LastUsedAt</c>: the first one after <see cref="Interval"/> has passed
/// since the last write, and only one of any number of calls racing for it.
/// </summary>
public sealed class LastUsedTracker
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    // Kept small: entries older than the interval say nothing the database does not, so they are pruned.
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<Guid, long> _lastWrites = new();

    // ConcurrentDictionary.Count takes every one of its locks: asked on every first use, it cost a cold call 9 % of
    // the server's CPU at a million tokens (docs/performance.md). So the count is kept here.
    private int _count;

    // Doubles with what a prune could not remove (tokens written within the interval), so that a busy ten minutes of
    // distinct tokens does not scan the whole dictionary on every first use: the benchmark's cold calls did.
    private int _pruneAbove = PruneAbove;

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

                if (_lastWrites.TryAdd(tokenId, now.UtcTicks))
                {
                    Interlocked.Increment(ref _count);
                    Prune(due);
                    return true;
                }
            }
        }
    }

    private void Prune(long due)
    {
        if (Volatile.Read(ref _count) <= Volatile.Read(ref _pruneAbove))
        {
            return;
        }

        foreach (var (id, written) in _lastWrites)
        {
            if (written <= due && _lastWrites.TryRemove(KeyValuePair.Create(id, written)))
            {
                Interlocked.Decrement(ref _count);
            }
        }

        Volatile.Write(ref _pruneAbove, Math.Max(PruneAbove, Volatile.Read(ref _count) * 2));
    }
}
