using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using ScoutPrime.Tokens.Web.Identity;

namespace ScoutPrime.Tokens.BrowserTests.Infrastructure;

/// <summary>
/// A test class drives its own application (own database) in a fresh browser context per test. A failing test
/// leaves a screenshot and the page's HTML in TestResults/browser; any Content-Security-Policy violation fails it.
/// A test that has not finished within <see cref="TestTimeout"/> fails with that said, rather than stall the suite.
/// </summary>
[Collection(BrowserSuite.Name)]
public abstract class BrowserTest(Chromium chromium, BrowserApp app) : IClassFixture<BrowserApp>
{
    public static readonly string ArtifactsDirectory =
        Environment.GetEnvironmentVariable("BROWSER_ARTIFACTS_DIR")
        ?? typeof(BrowserTest).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ArtifactsDirectory").Value!;

    /// <summary>Far more than the slowest test takes on a busy machine, far less than the run's hang timeout (4 minutes).</summary>
    public static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(2);

    // Saving the artifacts and closing the browser contexts of a test that hung must not hang in turn.
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(15);

    protected BrowserApp App { get; } = app;

    protected Task RunAsync(Func<IPage, Task> test, BrowserNewContextOptions? options = null, [CallerMemberName] string name = "") =>
        RunAsync(1, pages => test(pages[0]), options, name);

    /// <summary>Two people at once, each in a browser context of their own (own cookies): e.g. an administrator and the user they change.</summary>
    protected Task RunTwoAsync(Func<IPage, IPage, Task> test, [CallerMemberName] string name = "") =>
        RunAsync(2, pages => test(pages[0], pages[1]), null, name);

    private async Task RunAsync(int people, Func<IReadOnlyList<IPage>, Task> test, BrowserNewContextOptions? options, string name)
    {
        var browser = chromium.Require();
        options ??= new BrowserNewContextOptions();
        options.BaseURL = App.BaseAddress.ToString();
        // Bootstrap then skips its transitions, so axe never samples a colour halfway through a fade.
        options.ReducedMotion = ReducedMotion.Reduce;
        var contexts = new List<IBrowserContext>();
        var pages = new List<IPage>();
        var violations = new List<string>();
        try
        {
            for (var i = 0; i < people; i++)
            {
                var context = await browser.NewContextAsync(options);
                contexts.Add(context);
                if (options.JavaScriptEnabled == false)
                {
                    NoScript.Mark(context);
                }

                context.SetDefaultTimeout(30_000);
                pages.Add(Watch(await context.NewPageAsync(), violations));
            }

            var run = test(pages);
            try
            {
                await run.WaitAsync(TestTimeout);
            }
            catch (System.TimeoutException) when (!run.IsCompleted)
            {
                Assert.Fail($"{name} did not finish within {TestTimeout.TotalSeconds:0} s; the page it was on is in {ArtifactsDirectory}.");
            }

            Assert.True(violations.Count == 0, $"The page reported:{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
        }
        catch
        {
            for (var i = 0; i < pages.Count; i++)
            {
                await SaveArtifactsAsync(pages[i], $"{GetType().Name}.{name}" + (people > 1 ? $".{i + 1}" : ""));
            }

            throw;
        }
        finally
        {
            foreach (var context in contexts)
            {
                await IgnoreTimeoutAsync(context.DisposeAsync().AsTask());
            }
        }
    }

    private static IPage Watch(IPage page, List<string> violations)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => violations.Add($"Script error: {error}");
        return page;
    }

    /// <summary>Signs in as a new member of the API Tokens Group and opens API Tokens from the avatar menu.</summary>
    protected async Task SignInMemberToTokensAsync(IPage page)
    {
        await page.SignInAsync(await App.CreateUserAsync(Roles.ApiTokensGroup));
        await page.OpenApiTokensAsync();
    }

    protected static BrowserNewContextOptions WithoutJavaScript() => new() { JavaScriptEnabled = false };

    protected static BrowserNewContextOptions Phone() => new() { ViewportSize = new ViewportSize { Width = 375, Height = 740 }, IsMobile = true, HasTouch = true };

    private static async Task SaveArtifactsAsync(IPage page, string name)
    {
        try
        {
            Directory.CreateDirectory(ArtifactsDirectory);
            var path = Path.Combine(ArtifactsDirectory, name);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path + ".png", FullPage = true, Timeout = 5_000 });
            await File.WriteAllTextAsync(path + ".html", await page.ContentAsync().WaitAsync(CleanupTimeout));
        }
        catch (Exception e) when (e is PlaywrightException or System.TimeoutException)
        {
            // The page may be gone (crashed or closed) or not answering; the test's own failure is what matters.
        }
    }

    private static async Task IgnoreTimeoutAsync(Task task)
    {
        try
        {
            await task.WaitAsync(CleanupTimeout);
        }
        catch (System.TimeoutException)
        {
            // Left to the browser's own shutdown at the end of the suite.
        }
    }
}
