using Microsoft.Playwright;

namespace ScoutPrime.Tokens.BrowserTests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class BrowserSuite : ICollectionFixture<Chromium>
{
    // One Chromium for the whole suite; its test classes run one after another (2 shared cores).
    public const string Name = "Browser";
}

/// <summary>
/// Debian's Chromium, started once. Nothing here downloads a browser. When it is missing the tests are
/// skipped, except under CI, where they fail: a browser test never silently passes.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/lib/chromium/chromium";

    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string MissingReason => $"Chromium is not installed at {ExecutablePath} (install Debian's chromium package, or run .ci/run).";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            return;
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        // Two cores shared with other builds: allow for a slow moment rather than fail on one.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>The browser, or a skip (outside CI) or failure (under CI) that names what is missing.</summary>
    public IBrowser Require()
    {
        if (Browser is not null)
        {
            return Browser;
        }

        if (IsCi)
        {
            Assert.Fail(MissingReason);
        }

        Skip.If(true, MissingReason);
        throw new InvalidOperationException(MissingReason);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
