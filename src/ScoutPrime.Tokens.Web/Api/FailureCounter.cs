namespace ScoutPrime.Tokens.Web.Api;

/// <summary>One address's failures in its current window. Changed under its own lock; read without one.</summary>
internal sealed class FailureCounter
{
    private long _windowEnd;
    private int _failures;
    private bool _refusalLogged;

    /// <summary>Counts a failure, opening a new window when the last one has ended; returns the failures of the window.</summary>
    public int Fail(DateTimeOffset now)
    {
        if (Volatile.Read(ref _windowEnd) <= now.UtcTicks)
        {
            Volatile.Write(ref _windowEnd, (now + FailureGate.Window).UtcTicks);
            (_failures, _refusalLogged) = (0, false);
        }

        Volatile.Write(ref _failures, _failures + 1);
        return _failures;
    }

    /// <summary>True the first time in a window that this address is refused with 429: that one is logged.</summary>
    public bool FirstRefusal()
    {
        lock (this)
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

/// <summary>
/// At most <see cref="FailureGate.LoggedInAll"/> lines per window for all addresses together, since rotating addresses
/// (a new IPv6 /64 per call) would pass any per-address ration; the first line of the next window counts what was left out.
/// </summary>
internal sealed partial class LogRation(ILogger logger)
{
    private long _window;
    private int _logged;
    private int _unlogged;

    public bool Allows(DateTimeOffset now)
    {
        var window = now.UtcTicks / FailureGate.Window.Ticks;
        var current = Volatile.Read(ref _window);
        if (window != current && Interlocked.CompareExchange(ref _window, window, current) == current)
        {
            Volatile.Write(ref _logged, 0);
            if (Interlocked.Exchange(ref _unlogged, 0) is > 0 and var unlogged)
            {
                LogUnlogged(logger, unlogged);
            }
        }

        if (Interlocked.Increment(ref _logged) <= FailureGate.LoggedInAll)
        {
            return true;
        }

        if (Interlocked.Increment(ref _unlogged) == 1)
        {
            LogRationed(logger, FailureGate.LoggedInAll);
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "More than {Lines} refused API calls to log in this minute: the rest are only counted")]
    private static partial void LogRationed(ILogger logger, int lines);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} refused API calls of an earlier minute were not logged")]
    private static partial void LogUnlogged(ILogger logger, int count);
}
