namespace ScoutPrime.Tokens.Web.Throttling;

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
