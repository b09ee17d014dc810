using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace ScoutPrime.Tokens.Web.Api;

/// <summary>
/// Owns "this client address has failed too often": counts failed API authentications per address in fixed windows
/// of <see cref="Window"/> that start with the address's first failure, answers 429 once there were
/// <see cref="ApiOptions.FailedAuthenticationLimit"/>, and rations what all this writes to the log. Only failures
/// count, so a client that authenticates is never slowed down, and an address it has not seen fail is never refused.
/// </summary>
public sealed partial class FailureGate
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    /// <summary>Addresses counted at once. When all are blocked, new ones go uncounted until a window ends: never refused.</summary>
    public const int MaxAddresses = 10_000;

    /// <summary>Refusals of one address logged one by one per window; then one line says the rest are counted.</summary>
    public const int LoggedPerAddress = 10;

    /// <summary>Lines for all addresses together per window, against rotating addresses; then one summary line.</summary>
    public const int LoggedInAll = 1_000;

    private readonly BoundedTable<string, FailureCounter> _counters = new(MaxAddresses, MaxAddresses, StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ILogger<FailureGate> _logger;
    private readonly int _limit;
    private readonly LogRation _ration;
    private int _fullLogged;

    public FailureGate(TimeProvider time, IOptions<ApiOptions> options, ApiMetrics metrics, ILogger<FailureGate> logger)
    {
        (_time, _logger, _limit) = (time, logger, options.Value.FailedAuthenticationLimit);
        _ration = new LogRation(logger);
        metrics.ObserveFailingAddresses(() => _counters.Count);
    }

    /// <summary>The key failures are counted under: the IPv4 address (also when mapped to IPv6), or an IPv6 one's /64.</summary>
    public static string AddressOf(HttpContext context)
    {
        var ip = context.Connection.RemoteIpAddress;
        if (ip is null)
        {
            return "unknown";
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        if (ip.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return ip.ToString();
        }

        // One subscriber usually holds a whole /64, so counting single IPv6 addresses would let it rotate freely.
        var bytes = ip.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>How long this address must wait, or null when it may try.</summary>
    public TimeSpan? RetryAfter(string address)
    {
        if (!_counters.TryGetValue(address, out var counter))
        {
            return null;
        }

        lock (counter)
        {
            return counter.RetryAfter(_time.GetUtcNow(), _limit);
        }
    }

    /// <summary>
    /// Counts a failure and logs why (rationed; the reason never holds the code). When the address was blocked already
    /// the failure is not counted: the answer is how long it must wait.
    /// </summary>
    public TimeSpan? Fail(string address, string reason, Guid? tokenId)
    {
        var now = _time.GetUtcNow();
        if (CounterFor(address, now) is not { } counter)
        {
            // Uncounted (the table is full of blocked addresses): refused with 401 like any failure, never with 429.
            Log(reason, tokenId, now);
            return null;
        }

        int failures;
        lock (counter)
        {
            if (counter.RetryAfter(now, _limit) is { } wait)
            {
                return wait;
            }

            failures = counter.Fail(now);
        }

        if (failures <= LoggedPerAddress)
        {
            Log(reason, tokenId, now);
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
        var first = false;
        if (_counters.TryGetValue(address, out var counter))
        {
            lock (counter)
            {
                (first, counter.RefusalLogged) = (!counter.RefusalLogged, true);
            }
        }

        if (first && _ration.Allows(_time.GetUtcNow()))
        {
            LogBlocked(_logger, address);
        }

        return ApiProblems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many failed authentications. Try again later.");
    }

    private void Log(string reason, Guid? tokenId, DateTimeOffset now)
    {
        if (!_ration.Allows(now))
        {
            return;
        }

        if (tokenId is { } id)
        {
            LogRefusedToken(_logger, id, reason);
        }
        else
        {
            LogRefused(_logger, reason);
        }
    }

    private FailureCounter? CounterFor(string address, DateTimeOffset now)
    {
        while (true)
        {
            if (_counters.TryGetValue(address, out var counter))
            {
                return counter;
            }

            // Full: forget first whoever is not blocked, since only blocked addresses must be remembered.
            if (_counters.TryAdd(address, new FailureCounter(), static (c, gate) => c.IsForgettable(gate.Now, gate.Limit), (Now: now, Limit: _limit)))
            {
                if (_counters.Count < MaxAddresses / 2)
                {
                    Volatile.Write(ref _fullLogged, 0);
                }

                continue;
            }

            if (!_counters.TryGetValue(address, out _))
            {
                if (Interlocked.Exchange(ref _fullLogged, 1) == 0)
                {
                    LogFull(_logger, MaxAddresses);
                }

                return null;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "API call refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "API call with token {TokenId} refused: {Reason}")]
    private static partial void LogRefusedToken(ILogger logger, Guid tokenId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Further refused API calls from {ClientAddress} in this window are counted, not logged")]
    private static partial void LogSilenced(ILogger logger, string clientAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "API calls from {ClientAddress} refused until the window ends: too many failed authentications")]
    private static partial void LogBlocked(ILogger logger, string clientAddress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The table of failing client addresses is full ({Capacity}, all blocked): further addresses are not counted until a window ends")]
    private static partial void LogFull(ILogger logger, int capacity);
}
