using System.Net;
using ScoutPrime.Tokens.Web.Infrastructure;
using ScoutPrime.Tokens.Web.LastUsed;

namespace ScoutPrime.Tokens.Web.Usage;

/// <summary>
/// Counts calls per (token, client address) in memory and decides which call writes that pair's row: the first one
/// after <see cref="LastUsedTracker.Interval"/> since the pair's last write, like <see cref="LastUsedTracker"/> does
/// per token. A call costs one dictionary lookup and one interlocked increment; the key is the <see cref="IPAddress"/>
/// itself, so nothing is formatted or allocated until a write is due.
/// </summary>
public sealed class UsageTracker
{
    /// <summary>Pairs kept at most, over all tokens: 10,000 addresses hitting one token cost no more than this.</summary>
    public const int Capacity = 20_000;

    // Pairs whose last write is older than the interval are pruned: their next call would write anyway. Their calls
    // counted since that write are lost, which is why the count is approximate.
    private readonly BoundedTable<(Guid TokenId, IPAddress Address), Counter> _pairs = new(pruneAbove: 10_000, capacity: Capacity);

    /// <summary>Pairs tracked now, never more than <see cref="Capacity"/> (plus a few adds racing at the bound).</summary>
    public int Count => _pairs.Count;

    /// <summary>
    /// The row to write for this call, or null when the pair was written within the interval. A pair the table cannot
    /// hold (full of live pairs) is written along with its token's own stamp (<paramref name="tokenStamped"/>): at most
    /// once per token and interval, so a fleet larger than the table still shows where its tokens are used from.
    /// </summary>
    public UsageStamp? Observe(Guid tokenId, IPAddress? address, string? userAgent, DateTimeOffset now, bool tokenStamped)
    {
        if (address is null)
        {
            return null;
        }

        var due = now.UtcTicks - LastUsedTracker.Interval.Ticks;
        if (!_pairs.TryGetValue((tokenId, address), out var counter))
        {
            // Pruned by whole seconds: a table full of live pairs is scanned once a second, not on every new pair.
            var dueSecond = due - (due % TimeSpan.TicksPerSecond);
            var added = _pairs.TryAdd((tokenId, address), new Counter(now.UtcTicks), static (c, due) => Volatile.Read(ref c.LastWrite) <= due, dueSecond);
            return added || tokenStamped ? new UsageStamp(tokenId, address.ToString(), TokenUsage.Truncate(userAgent), now, 1) : null;
        }

        Interlocked.Increment(ref counter.Pending);
        var written = Volatile.Read(ref counter.LastWrite);
        if (written > due || Interlocked.CompareExchange(ref counter.LastWrite, now.UtcTicks, written) != written)
        {
            return null;
        }

        return new UsageStamp(tokenId, address.ToString(), TokenUsage.Truncate(userAgent), now, Interlocked.Exchange(ref counter.Pending, 0));
    }

    private sealed class Counter(long lastWrite)
    {
        public long LastWrite = lastWrite;
        public long Pending;
    }
}

/// <summary>One pair's row to write: seen at <paramref name="At"/>, with <paramref name="Calls"/> calls since its last write.</summary>
public sealed record UsageStamp(Guid TokenId, string Address, string? UserAgent, DateTimeOffset At, long Calls);
