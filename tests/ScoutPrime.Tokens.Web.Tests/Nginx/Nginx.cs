using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ScoutPrime.Tokens.Web.Tests.Nginx;

/// <summary>
/// Debian's nginx running the shipped <c>deploy/nginx/scoutprime-api.conf</c>, its three addresses replaced by loopback
/// ports, from a prefix of its own under the temporary directory, in the foreground, as the current user. Without
/// nginx the tests are skipped, except under CI, where they fail.
/// </summary>
public sealed class Nginx : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/nginx";
    public const string SiteFile = "deploy/nginx/scoutprime-api.conf";

    private readonly Process _process;
    private readonly string _prefix;

    private Nginx(Process process, string prefix, Uri address) => (_process, _prefix, Address) = (process, prefix, address);

    public Uri Address { get; }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips (outside CI) or fails (under CI) the calling test when nginx is not installed.</summary>
    public static void Require()
    {
        const string reason = $"nginx is not installed at {Executable} (install Debian's nginx package, or run .ci/run).";
        if (File.Exists(Executable))
        {
            return;
        }

        if (IsCi)
        {
            Assert.Fail(reason);
        }

        Skip.If(true, reason);
    }

    /// <summary>The shipped site with its application and protected API at these ports, listening on a free one.</summary>
    public static async Task<Nginx> StartAsync(int applicationPort, int upstreamPort)
    {
        var prefix = Directory.CreateTempSubdirectory("scoutprime-nginx-").FullName;
        var port = FreePort();
        var site = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), SiteFile));
        site = ReplaceOnce(site, "server 127.0.0.1:5080;", $"server 127.0.0.1:{applicationPort};");
        site = ReplaceOnce(site, "server 127.0.0.1:9000;", $"server 127.0.0.1:{upstreamPort};");
        site = ReplaceOnce(site, "listen 8080;", $"listen 127.0.0.1:{port};");
        await File.WriteAllTextAsync(Path.Combine(prefix, "scoutprime-api.conf"), site);
        // What Debian's /etc/nginx/nginx.conf gives a site, with every path inside the prefix.
        await File.WriteAllTextAsync(Path.Combine(prefix, "nginx.conf"), $$"""
            user {{Environment.UserName}};
            worker_processes 1;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log info;
            events { worker_connections 256; }
            http {
                access_log {{prefix}}/access.log;
                client_body_temp_path {{prefix}}/client_body;
                proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fastcgi;
                uwsgi_temp_path {{prefix}}/uwsgi;
                scgi_temp_path {{prefix}}/scgi;
                include {{prefix}}/scoutprime-api.conf;
            }
            """);

        var info = new ProcessStartInfo(Executable) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-p", prefix, "-c", Path.Combine(prefix, "nginx.conf"), "-e", Path.Combine(prefix, "error.log"), "-g", "daemon off;" })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("nginx did not start.");
        var nginx = new Nginx(process, prefix, new Uri($"http://127.0.0.1:{port}"));
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(15); await Task.Delay(50))
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return nginx;
            }
            catch (SocketException)
            {
            }
        }

        var log = nginx.ErrorLog() + await process.StandardError.ReadToEndAsync();
        await nginx.DisposeAsync();
        throw new InvalidOperationException("nginx did not start: " + log);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public string ErrorLog()
    {
        var path = Path.Combine(_prefix, "error.log");
        return File.Exists(path) ? File.ReadAllText(path) : string.Empty;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_prefix, recursive: true);
    }

    private static string ReplaceOnce(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0 && text.IndexOf(from, at + 1, StringComparison.Ordinal) < 0, $"{SiteFile} should hold \"{from}\" exactly once.");
        return string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SiteFile)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"{SiteFile} not found above {AppContext.BaseDirectory}.");
    }
}
