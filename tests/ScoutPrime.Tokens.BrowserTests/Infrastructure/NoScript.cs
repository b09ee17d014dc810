using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace ScoutPrime.Tokens.BrowserTests.Infrastructure;

/// <summary>
/// The browser contexts opened with JavaScript disabled, as the fixture opened them: asking the page would itself be
/// script. Such a page answers a plain evaluation, but never runs a callback (a timer, an animation frame, a promise
/// job), so anything that waits on one — axe, Playwright's polling wait for a function — would wait forever.
/// </summary>
public static class NoScript
{
    private static readonly ConditionalWeakTable<IBrowserContext, object> Contexts = [];

    internal static void Mark(IBrowserContext context) => Contexts.AddOrUpdate(context, true);

    public static bool HasScriptDisabled(this IPage page) => Contexts.TryGetValue(page.Context, out _);
}
