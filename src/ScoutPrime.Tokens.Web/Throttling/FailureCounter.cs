namespace ScoutPrime.Tokens.Web.Throttling;

/// <summary>One address's failures in its current window: changed under its own lock, read without one.</summary>
internal sealed class FailureCounter
{
    private readonly Lock _lock = new();
    private long _windowEnd;
    private int _failures;
    private bool _refusalLogged;

    /// <summary>
    /// Counts a failure, opening a new window when the last one has ended, and gives the window's count; when the
    /// address is blocked, counts nothing and gives how long it must wait.
    /// </summary>
    public TimeSpan? Fail(DateTimeOffset now, int limit, out int failures)
    {
        lock (_lock)
        {
            failures = 0;
            if (RetryAfter(now, limit) is { } wait)
            {
                return wait;
            }

            if (_windowEnd <= now.UtcTicks)
            {
                // The count first: a reader must never pair the new window with the old count.
                (_failures, _refusalLogged) = (0, false);
                Volatile.Write(ref _windowEnd, (now + FailureGate.Window).UtcTicks);
            }

            failures = Interlocked.Increment(ref _failures);
            return null;
        }
    }

    /// <summary>True the first time in a window that this address is refused with 429: that one is logged.</summary>
    public bool FirstRefusal()
    {
        lock (_lock)
        {
            (var first, _refusalLogged) = (!_refusalLogged, true);
            return first;
        }
    }

    public TimeSpan? RetryAfter(DateTimeOffset now, int limit)
    {
        var windowEnd = Volatile.Read(ref _windowEnd);
        return Volatile.Read(ref _failures) >= limit && windowEnd > now.UtcTicks ? TimeSpan.FromTicks(windowEnd - now.UtcTicks) : null;
    }
}
