using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ScoutPrime.Tokens.BrowserTests.Infrastructure;

public static class Axe
{
    private static readonly string[] Blocking = ["serious", "critical"];

    /// <summary>Runs axe-core on the page as it is now and fails on any serious or critical violation.</summary>
    public static async Task AssertNoSeriousViolationsAsync(this IPage page)
    {
        AxeResult result = await page.RunAxe();
        var blocking = result.Violations.Where(v => Blocking.Contains(v.Impact)).ToList();
        Assert.True(
            blocking.Count == 0,
            $"axe on {page.Url}:{Environment.NewLine}" + string.Join(
                Environment.NewLine,
                blocking.Select(v => $"[{v.Impact}] {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Select(n => n.Html))}")));
    }
}
