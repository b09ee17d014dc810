using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Infrastructure;

namespace ScoutPrime.Tokens.Web.Identity;

/// <summary>
/// At most <see cref="IdentitySiteOptions.SignInAttemptsPerMinute"/> sign-in POSTs per client address and minute
/// (an IPv6 client counted by its /64), on each instance; the rest get 429 and the product's error page.
/// Lockout stops guessing at one account; this stops one address spraying many.
/// </summary>
public sealed partial class SignInRateLimit(IOptions<IdentitySiteOptions> options, ILogger<SignInRateLimit> logger) : IRateLimiterPolicy<string>
{
    public const string Policy = "sign-in";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private long _lastLogged = -1_000;

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (rejected, _) =>
    {
        var context = rejected.HttpContext;
        // At most one line a second, whatever the number of addresses refused: a flood must not flood the log too.
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastLogged);
        if (now - last >= 1000 && Interlocked.CompareExchange(ref _lastLogged, now, last) == last)
        {
            LogRefused(logger, ClientAddress.KeyOf(context));
        }

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = ((int)Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ValueTask.CompletedTask; // no body: the status-code page renders it in the product's layout
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        HttpMethods.IsPost(httpContext.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(ClientAddress.KeyOf(httpContext), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.Value.SignInAttemptsPerMinute,
                Window = Window,
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter(string.Empty);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in attempts from {ClientAddress} refused: too many in a minute (further refusals within the second are not logged)")]
    private static partial void LogRefused(ILogger logger, string clientAddress);
}
