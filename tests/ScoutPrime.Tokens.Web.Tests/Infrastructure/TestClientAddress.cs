using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace ScoutPrime.Tokens.Web.Tests.Infrastructure;

/// <summary>
/// The test server has no network peer; this gives each request the client address a test names in
/// <see cref="Header"/>, or 127.0.0.1, so per-address rules can be exercised from one process.
/// </summary>
public sealed class TestClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    private static int _next;

    /// <summary>A documentation-range address no other test uses.</summary>
    public static string Next()
    {
        var n = Interlocked.Increment(ref _next);
        return $"203.0.{113 + (n / 250)}.{(n % 250) + 1}";
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(
                context.Request.Headers.TryGetValue(Header, out var value) ? value.ToString() : "127.0.0.1");
            return nextMiddleware(context);
        });
        next(app);
    };
}
