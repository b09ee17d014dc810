using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ScoutPrime.Tokens.Web.Tests.Infrastructure;

/// <summary>
/// The built application run as its own process, as an operator runs it (<c>dotnet ScoutPrime.Tokens.Web.dll</c>),
/// on a loopback port it chooses itself.
/// </summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];

    private AppProcess(Process process) => _process = process;

    public Uri Address { get; private set; } = null!;

    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    public static async Task<AppProcess> StartAsync(string databasePath, IDictionary<string, string>? settings = null)
    {
        var process = Start(databasePath, settings, "--urls", "http://127.0.0.1:0");
        var app = new AppProcess(process);
        app.Capture();
        var started = await Task.WhenAny(app._listening.Task, Task.Delay(StartTimeout));
        if (started != app._listening.Task)
        {
            await app.DisposeAsync();
            throw new TimeoutException("The application did not start: " + string.Join('\n', app.Output));
        }

        app.Address = await app._listening.Task;
        return app;
    }

    /// <summary>Runs <c>dotnet ScoutPrime.Tokens.Web.dll migrate</c> and returns its exit code.</summary>
    public static async Task<int> MigrateAsync(string databasePath)
    {
        using var process = Start(databasePath, null, "migrate");
        await process.WaitForExitAsync(new CancellationTokenSource(StartTimeout).Token);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static Process Start(string databasePath, IDictionary<string, string>? settings, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ScoutPrime.Tokens.Web.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        info.Environment["ConnectionStrings__Tokens"] = $"Data Source={databasePath}";
        info.Environment["Seed__AdminEmail"] = TokensAppFactory.AdminEmail;
        info.Environment["Seed__AdminPassword"] = TokensAppFactory.Password;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    private void Capture()
    {
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_output)
            {
                _output.Add(e.Data);
            }

            if (ListeningOn().Match(e.Data) is { Success: true } match)
            {
                _listening.TrySetResult(new Uri(match.Value));
            }
        }

        _process.OutputDataReceived += OnLine;
        _process.ErrorDataReceived += OnLine;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex ListeningOn();
}
