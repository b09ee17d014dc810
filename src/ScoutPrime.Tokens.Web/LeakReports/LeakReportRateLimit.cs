using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Infrastructure;

namespace ScoutPrime.Tokens.Web.LeakReports;

/// <summary>
/// At most <see cref="LeakReportOptions.ReportsPerMinute"/> reports per client address and minute, on each instance:
/// each report may carry 1,000 codes to hash and look up, so one address cannot turn the endpoint into a load test.
/// </summary>
public sealed class LeakReportRateLimit(IOptions<LeakReportOptions> options) : IRateLimiterPolicy<string>
{
    public const string Policy = "leak-reports";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (rejected, _) =>
    {
        var response = rejected.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = ((int)Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ValueTask.CompletedTask; // the API's status-code pages give it a problem body
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetFixedWindowLimiter(ClientAddress.KeyOf(httpContext), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.ReportsPerMinute,
            Window = Window,
            QueueLimit = 0,
        });
}
