using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Infrastructure;

namespace ScoutPrime.Tokens.Web.Introspection;

/// <summary>
/// The framework's fixed-window limiter, partitioned by the authenticated client id: one busy resource server cannot
/// starve the others. Only clients that proved their secret get a partition, so made-up ids cannot fill memory.
/// </summary>
public sealed class IntrospectionRateLimit(IOptions<IntrospectionOptions> options) : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(clientId =>
        RateLimitPartition.GetFixedWindowLimiter(clientId, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.RequestsPerMinutePerClient,
            Window = Window,
            QueueLimit = 0,
        }));

    /// <summary>Null when the client may call now; otherwise how long it should wait.</summary>
    public TimeSpan? RetryAfter(string clientId)
    {
        using var lease = _limiter.AttemptAcquire(clientId);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
    }

    public static Task RefuseAsync(HttpContext context, TimeSpan wait)
    {
        context.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        return Problems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many introspection requests from this client. Try again later.");
    }

    public void Dispose() => _limiter.Dispose();
}
