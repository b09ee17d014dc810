using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ScoutPrime.Tokens.Web.Tests.Nginx;

/// <summary>The API behind the gateway: it answers every request with what it received (method, path, headers).</summary>
public sealed class EchoUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private EchoUpstream(WebApplication app) => _app = app;

    public int Port { get; private set; }

    /// <summary>How many requests got through to this API.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static async Task<EchoUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var upstream = new EchoUpstream(builder.Build());
        upstream._app.Run(context =>
        {
            Interlocked.Increment(ref upstream._requests);
            var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            return context.Response.WriteAsJsonAsync(new Echo(context.Request.Method, context.Request.Path + context.Request.QueryString, headers));
        });
        await upstream._app.StartAsync();
        upstream.Port = new Uri(upstream._app.Urls.First()).Port;
        return upstream;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

public sealed record Echo(string Method, string Path, Dictionary<string, string> Headers);
