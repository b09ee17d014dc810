using System.Globalization;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Infrastructure;
using ScoutPrime.Tokens.Web.Validation;

namespace ScoutPrime.Tokens.Web.Throttling;

/// <summary>
/// Owns "this client address has failed too often": counts failed API authentications per address in windows of
/// <see cref="Window"/> from its first failure, answers 429 after <see cref="FailureGateOptions.FailedAuthenticationLimit"/>
/// of them, and rations the log. Only failures count, and an address never seen failing is never refused.
/// </summary>
public sealed partial class FailureGate
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    /// <summary>Addresses counted at once. When every place holds a blocked address, new ones go uncounted (401, never 429).</summary>
    public const int MaxAddresses = 10_000;

    /// <summary>Refusals logged one by one per address and window; then one line says the rest are counted.</summary>
    public const int LoggedPerAddress = 10;

    /// <summary>Lines per window for all addresses together, which rotating addresses would pass; then one summary line.</summary>
    public const int LoggedInAll = 1_000;

    private readonly BoundedTable<string, FailureCounter> _counters = new(MaxAddresses, MaxAddresses, StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ILogger<FailureGate> _logger;
    private readonly LogRation _ration;
    private readonly int _limit;
    private int _full;

    public FailureGate(TimeProvider time, IOptions<FailureGateOptions> options, TokenMetrics metrics, ILogger<FailureGate> logger)
    {
        (_time, _logger, _ration, _limit) = (time, logger, new LogRation(logger), options.Value.FailedAuthenticationLimit);
        metrics.ObserveFailingAddresses(() => _counters.Count, MaxAddresses);
    }

    /// <summary>How long this address must wait, or null when it may try.</summary>
    public TimeSpan? RetryAfter(string address) =>
        _counters.TryGetValue(address, out var counter) ? counter.RetryAfter(_time.GetUtcNow(), _limit) : null;

    /// <summary>Counts a failure and logs why (the reason never holds the code); when the address is blocked already, how long it waits.</summary>
    public TimeSpan? Fail(string address, string reason, Guid? tokenId)
    {
        var now = _time.GetUtcNow();
        var failures = 0;
        if (CounterFor(address, now)?.Fail(now, _limit, out failures) is { } wait)
        {
            return wait;
        }

        if (failures <= LoggedPerAddress && _ration.Allows(now))
        {
            LogRefusal(_logger, tokenId, reason);
        }
        else if (failures == LoggedPerAddress + 1 && _ration.Allows(now))
        {
            LogSilenced(_logger, address);
        }

        return null;
    }

    /// <summary>Answers 429 with <c>Retry-After</c>; the first refusal of an address in its window is logged.</summary>
    public Task RefuseAsync(HttpContext context, string address, TimeSpan wait)
    {
        context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        if (_counters.TryGetValue(address, out var counter) && counter.FirstRefusal() && _ration.Allows(_time.GetUtcNow()))
        {
            LogBlocked(_logger, address);
        }

        return Problems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many failed authentications. Try again later.");
    }

    private FailureCounter? CounterFor(string address, DateTimeOffset now)
    {
        FailureCounter? counter;
        while (!_counters.TryGetValue(address, out counter))
        {
            // Full: whoever is not blocked is forgotten first; only a blocked address must be remembered. Judged by the
            // whole second, so a table full of blocked addresses is scanned once a second, not on every newcomer.
            var state = (Now: new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero), Limit: _limit);
            if (!_counters.TryAdd(address, new FailureCounter(), static (c, s) => c.RetryAfter(s.Now, s.Limit) is null, state)
                && !_counters.TryGetValue(address, out _))
            {
                if (Interlocked.Exchange(ref _full, 1) == 0)
                {
                    LogFull(_logger, MaxAddresses);
                }

                return null;
            }
        }

        if (_counters.Count < MaxAddresses / 2)
        {
            Volatile.Write(ref _full, 0);
        }

        return counter;
    }

    private static void LogRefusal(ILogger logger, Guid? tokenId, string reason)
    {
        if (tokenId is { } id)
        {
            LogRefused(logger, id, reason);
        }
        else
        {
            LogRefused(logger, reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "API call refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "API call with token {TokenId} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, Guid tokenId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Further refused API calls from {ClientAddress} in this window are counted, not logged")]
    private static partial void LogSilenced(ILogger logger, string clientAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "API calls from {ClientAddress} refused until the window ends: too many failed authentications")]
    private static partial void LogBlocked(ILogger logger, string clientAddress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The table of failing client addresses is full ({Capacity}, all blocked): new addresses go uncounted until a window ends")]
    private static partial void LogFull(ILogger logger, int capacity);
}
