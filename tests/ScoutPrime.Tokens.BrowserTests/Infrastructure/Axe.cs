using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ScoutPrime.Tokens.BrowserTests.Infrastructure;

public static class Axe
{
    private static readonly string[] Blocking = ["serious", "critical"];

    // A full axe run takes a second or two; far longer means it will not return (a page that never answers).
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Runs axe-core on the page as it is now and fails on any serious or critical violation; on a page without
    /// JavaScript (where axe, a script, would never finish), on a copy of it that can run axe.
    /// </summary>
    public static async Task AssertNoSeriousViolationsAsync(this IPage page)
    {
        var scriptless = page.HasScriptDisabled();
        var result = scriptless ? await RunOnScriptlessCopyAsync(page) : await RunAsync(page);
        var blocking = result.Violations.Where(v => Blocking.Contains(v.Impact)).ToList();
        Assert.True(
            blocking.Count == 0,
            $"axe on {page.Url}{(scriptless ? " (without JavaScript)" : "")}:{Environment.NewLine}" + string.Join(
                Environment.NewLine,
                blocking.Select(v => $"[{v.Impact}] {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Select(n => n.Html))}")));
    }

    private static async Task<AxeResult> RunAsync(IPage page)
    {
        try
        {
            return await page.RunAxe().WaitAsync(RunTimeout);
        }
        catch (System.TimeoutException)
        {
            Assert.Fail($"axe on {page.Url} did not finish within {RunTimeout.TotalSeconds:0} s (a page that runs no script never answers it).");
            throw;
        }
    }

    /// <summary>
    /// The page's HTML as it is now, served to a page of a context with JavaScript on, whose own scripts are not
    /// loaded: axe sees the DOM the no-script page rendered, and can run.
    /// </summary>
    private static async Task<AxeResult> RunOnScriptlessCopyAsync(IPage page)
    {
        var html = await page.ContentAsync();
        await using var context = await page.Context.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = page.ViewportSize is { } size ? new ViewportSize { Width = size.Width, Height = size.Height } : null,
            ReducedMotion = ReducedMotion.Reduce,
        });
        var copy = await context.NewPageAsync();
        await copy.RouteAsync("**/*", route => route.Request.ResourceType switch
        {
            "document" => route.FulfillAsync(new RouteFulfillOptions { Body = html, ContentType = "text/html; charset=utf-8" }),
            "script" => route.AbortAsync(),
            _ => route.ContinueAsync(),
        });
        await copy.GotoAsync(page.Url);
        Assert.Equal(await page.TitleAsync(), await copy.TitleAsync()); // the copy, not whatever the address serves now
        return await RunAsync(copy);
    }
}
