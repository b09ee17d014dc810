using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ScoutPrime.Tokens.Web.Api;

/// <summary>
/// The built-in rate limiter, told by <see cref="FailedAuthentications"/> which callers have failed too often.
/// It has two partitions only, whatever the number of callers: blocked, and everyone else.
/// </summary>
public static partial class ApiRateLimiting
{
    public const string Policy = "api-failed-authentications";

    private const string Blocked = "blocked";
    private const string Allowed = "allowed";

    public static void Configure(RateLimiterOptions options)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(Policy, context =>
        {
            var failures = context.RequestServices.GetRequiredService<FailedAuthentications>();
            return failures.RetryAfter(FailedAuthentications.AddressOf(context)) is null
                ? RateLimitPartition.GetNoLimiter(Allowed)
                : RateLimitPartition.Get(Blocked, _ => new RejectAllLimiter());
        });
        options.OnRejected = OnRejectedAsync;
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        var address = FailedAuthentications.AddressOf(context);
        var failures = context.RequestServices.GetRequiredService<FailedAuthentications>();
        var wait = failures.RetryAfter(address) ?? TimeSpan.FromSeconds(1);
        context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        if (failures.FirstRejectionInWindow(address))
        {
            // Once per address and window: a caller that keeps trying must not decide how much the log writes.
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiRateLimiting));
            LogRefused(logger, address);
        }

        await ApiProblems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many failed authentications. Try again later.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "API calls from {ClientAddress} refused until the window ends: too many failed authentications")]
    private static partial void LogRefused(ILogger logger, string clientAddress);

    private sealed class RejectAllLimiter : RateLimiter
    {
        private static readonly RateLimitLease Refused = new RefusedLease();

        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => Refused;

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) => ValueTask.FromResult(Refused);
    }

    private sealed class RefusedLease : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
