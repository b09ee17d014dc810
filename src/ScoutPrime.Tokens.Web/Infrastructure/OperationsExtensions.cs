using System.Net;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.Infrastructure;

/// <summary>What running several instances behind a proxy needs: forwarded headers, the site's own address, health, HSTS.</summary>
public static partial class OperationsExtensions
{
    public const string LivePath = "/healthz/live";
    public const string ReadyPath = "/healthz/ready";
    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadinessCheck>("database", tags: [ReadyTag]);

        // Only the configured proxies may say who the client is (loopback when none is configured).
        var proxies = builder.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    public static WebApplication UseOperations(this WebApplication app)
    {
        app.UseHeadAsGet();
        app.UseRealIpAsForwardedFor();
        app.UseForwardedHeaders();
        app.UseSiteAddress();
        if (app.Environment.IsProduction())
        {
            if (!HttpsConfigured(app.Configuration))
            {
                LogNoHttps(app.Logger);
            }

            app.UseHsts();
            app.UseHttpsRedirection();
            if (string.IsNullOrEmpty(app.Configuration[DataExtensions.CertificatePathKey]))
            {
                LogKeysUnprotected(app.Logger, DataExtensions.CertificatePathKey);
            }
        }

        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return app;
    }

    /// <summary>An https address or port for Kestrel, or a proxy trusted to say the client used HTTPS.</summary>
    private static bool HttpsConfigured(IConfiguration configuration) =>
        configuration["urls"]?.Contains("https://", StringComparison.OrdinalIgnoreCase) == true
        || !string.IsNullOrEmpty(configuration["https_port"])
        || !string.IsNullOrEmpty(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Any(e => e["Url"]?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true)
        || configuration.GetSection("ForwardedHeaders:KnownProxies").GetChildren().Any();

    [LoggerMessage(Level = LogLevel.Warning, Message = "NO HTTPS: Production is configured without an https address or port and without a known proxy "
        + "(ForwardedHeaders:KnownProxies) sending X-Forwarded-Proto: https. Cookies are marked Secure, so browsers will not send them back over "
        + "plain HTTP and nobody can sign in; HSTS is sent only over HTTPS. Serve HTTPS, or put this instance behind a proxy that terminates it")]
    private static partial void LogNoHttps(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Data Protection keys are stored unencrypted in the database: set {Setting} to a certificate that protects them at rest")]
    private static partial void LogKeysUnprotected(ILogger logger, string setting);
}
