using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ScoutPrime.Tokens.Web.Tests.Redis;

/// <summary>
/// Debian's redis-server on a free loopback port, without persistence, in the foreground, as the current user, from a
/// working directory of its own. Without redis-server the tests are skipped, except under CI, where they fail
/// (as <see cref="Nginx.Nginx"/>).
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Executable = "/usr/bin/redis-server";

    private readonly Process _process;
    private readonly string _directory;

    private RedisServer(Process process, string directory, int port) => (_process, _directory, Port) = (process, directory, port);

    public int Port { get; }

    /// <summary>What <c>Redis:Configuration</c> takes to reach this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Skips (outside CI) or fails (under CI) the calling test when redis-server is not installed.</summary>
    public static void Require()
    {
        const string reason = $"redis-server is not installed at {Executable} (install Debian's redis-server package, or run .ci/run).";
        if (File.Exists(Executable))
        {
            return;
        }

        if (Nginx.Nginx.IsCi)
        {
            Assert.Fail(reason);
        }

        Skip.If(true, reason);
    }

    /// <summary>A server on the given port (one an application was already told about), or on a free one.</summary>
    public static async Task<RedisServer> StartAsync(int? onPort = null)
    {
        var directory = Directory.CreateTempSubdirectory("scoutprime-redis-").FullName;
        var port = onPort ?? Nginx.Nginx.FreePort();
        var info = new ProcessStartInfo(Executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        foreach (var arg in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        // Read its output as it comes, so that a full pipe never blocks it; kept for the failure message.
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, directory, port);
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(15) && !process.HasExited; await Task.Delay(50))
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException)
            {
            }
        }

        await server.DisposeAsync();
        lock (output)
        {
            throw new InvalidOperationException("redis-server did not start: " + output);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
