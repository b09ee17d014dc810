using ScoutPrime.Tokens.Web.Api;

namespace ScoutPrime.Tokens.Web.LeakReports;

public static class LeakReportsExtensions
{
    public static WebApplicationBuilder AddLeakReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LeakReportOptions>().BindConfiguration(LeakReportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<LeakReportService>();
        builder.Services.AddRateLimiter(o => o.AddPolicy<string, LeakReportRateLimit>(LeakReportRateLimit.Policy));
        return builder;
    }

    /// <summary>Public, outside the API's token-authenticated group: whoever found the leak has no token of ours.</summary>
    public static WebApplication MapLeakReports(this WebApplication app)
    {
        app.MapPost(ApiExtensions.BasePath + "/v1" + LeakReportEndpoint.Path, LeakReportEndpoint.RevokeAsync)
            .AllowAnonymous()
            .RequireRateLimiting(LeakReportRateLimit.Policy)
            .Accepts<LeakReportBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName("RevokeLeakedCredentials")
            .WithSummary("Report leaked token codes: each valid one is revoked at once; always 202")
            .WithTags("Leak reports");
        return app;
    }
}

/// <summary>The report's shape, for the OpenAPI document only: the endpoint reads the body itself.</summary>
public sealed record LeakReportBody(IReadOnlyList<string> Credentials, string? Source);
