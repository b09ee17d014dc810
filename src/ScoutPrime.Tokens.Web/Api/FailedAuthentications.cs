using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace ScoutPrime.Tokens.Web.Api;

/// <summary>
/// Failed API authentications per client address, in fixed windows of <see cref="Window"/> that start with an
/// address's first failure; after <see cref="ApiOptions.FailedAuthenticationLimit"/> of them the address waits.
/// Only failures count, so a client that authenticates is never slowed down, and another address's success changes nothing here. The rate limiter asks <see cref="RetryAfter"/> before each call.
/// </summary>
public sealed class FailedAuthentications(TimeProvider time, IOptions<ApiOptions> options)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    /// <summary>At most this many addresses are counted apart; beyond it, new ones share one window until old ones expire.</summary>
    public const int MaxAddresses = 10_000;

    internal const string Overflow = "overflow";

    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    // Kept here because ConcurrentDictionary.Count takes every one of its locks, and RetryAfter runs on every call.
    private int _count;
    private readonly int _limit = options.Value.FailedAuthenticationLimit;

    /// <summary>The key failures are counted under: the IPv4 address, or the /64 network of an IPv6 one.</summary>
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

    /// <summary>
    /// How many refusals of one address in one window are logged one by one. Beyond it a caller could write log lines
    /// as fast as it can send garbage, and formatting them cost more than refusing (docs/performance.md).
    /// </summary>
    public const int LoggedPerWindow = 10;

    /// <summary>Counts a failure; returns how many this address has made in its current window, this one included.</summary>
    public int RecordFailure(string address)
    {
        var now = time.GetUtcNow();
        var counter = CounterFor(address, now);
        lock (counter)
        {
            if (counter.WindowEnd <= now)
            {
                counter.WindowEnd = now + Window;
                counter.Failures = 0;
                counter.RejectionLogged = false;
            }

            return ++counter.Failures;
        }
    }

    /// <summary>True the first time in a window that this address is turned away with 429: that one is logged.</summary>
    public bool FirstRejectionInWindow(string address)
    {
        if (!_counters.TryGetValue(address, out var counter) && !_counters.TryGetValue(Overflow, out counter))
        {
            return true;
        }

        lock (counter)
        {
            var first = !counter.RejectionLogged;
            counter.RejectionLogged = true;
            return first;
        }
    }

    /// <summary>How long this address must wait, or null when it may try.</summary>
    public TimeSpan? RetryAfter(string address)
    {
        if (!_counters.TryGetValue(address, out var counter) && (Volatile.Read(ref _count) < MaxAddresses || !_counters.TryGetValue(Overflow, out counter)))
        {
            return null;
        }

        var now = time.GetUtcNow();
        lock (counter)
        {
            return counter.Failures >= _limit && counter.WindowEnd > now ? counter.WindowEnd - now : null;
        }
    }

    private Counter CounterFor(string address, DateTimeOffset now)
    {
        if (_counters.TryGetValue(address, out var counter))
        {
            return counter;
        }

        if (Volatile.Read(ref _count) >= MaxAddresses)
        {
            foreach (var (key, old) in _counters)
            {
                if (old.WindowEnd <= now && _counters.TryRemove(KeyValuePair.Create(key, old)))
                {
                    Interlocked.Decrement(ref _count);
                }
            }

            if (Volatile.Read(ref _count) >= MaxAddresses)
            {
                address = Overflow;
            }
        }

        while (true)
        {
            if (_counters.TryGetValue(address, out counter))
            {
                return counter;
            }

            var added = new Counter();
            if (_counters.TryAdd(address, added))
            {
                Interlocked.Increment(ref _count);
                return added;
            }
        }
    }

    private sealed class Counter
    {
        public DateTimeOffset WindowEnd { get; set; }

        public int Failures { get; set; }

        public bool RejectionLogged { get; set; }
    }
}
