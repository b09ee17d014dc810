namespace ScoutPrime.Tokens.Web.Revocation;

/// <summary>
/// Where this instance is in the feed. Sequence numbers are handed out when a row is inserted but become visible when
/// its transaction commits, so on SQL Server row 11 may be read before row 10 commits: a plain "after the last seen"
/// would skip 10 for ever. A number missing below the last seen is therefore awaited for <see cref="GapWait"/>, and
/// each poll reads from the oldest awaited one. Gaps that stay empty (a rolled-back insert, SQL Server's identity
/// jumps after a restart) are given up after that wait. Not thread-safe: one poller owns it.
/// </summary>
public sealed class FeedCursor(long start)
{
    /// <summary>Far longer than the one-row transaction that writes a feed entry takes to commit.</summary>
    public static readonly TimeSpan GapWait = TimeSpan.FromSeconds(10);

    /// <summary>At most this many missing numbers are awaited; a wider jump (an identity cache lost) is not a row in flight.</summary>
    private const int MaxGaps = 1_000;

    private readonly SortedDictionary<long, DateTimeOffset> _gaps = [];

    public long Last { get; private set; } = start;

    /// <summary>The poll reads rows with a greater sequence number than this.</summary>
    public long ReadAfter => _gaps.Count > 0 ? _gaps.Keys.First() - 1 : Last;

    /// <summary>True when this row is new to this instance (act on it); false when it was already seen.</summary>
    public bool Accept(long seq, DateTimeOffset now)
    {
        if (seq <= Last)
        {
            return _gaps.Remove(seq);
        }

        if (seq - Last - 1 <= MaxGaps)
        {
            for (var missing = Last + 1; missing < seq; missing++)
            {
                _gaps[missing] = now;
            }
        }

        Last = seq;
        return true;
    }

    /// <summary>Gives up numbers awaited longer than <see cref="GapWait"/>.</summary>
    public void Expire(DateTimeOffset now)
    {
        foreach (var (seq, since) in _gaps.ToList())
        {
            if (now - since > GapWait)
            {
                _gaps.Remove(seq);
            }
        }
    }
}
