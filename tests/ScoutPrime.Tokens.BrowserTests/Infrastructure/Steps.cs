using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ScoutPrime.Tokens.BrowserTests.Infrastructure;

/// <summary>What a person does on the screens, by clicking and typing.</summary>
public static partial class Steps
{
    public static async Task SignInAsync(this IPage page, string email)
    {
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(BrowserApp.Password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.Avatar()).ToBeVisibleAsync();
    }

    /// <summary>On "Confirm it's you" (a Show after the freshness window): the password, and Confirm.</summary>
    public static async Task ConfirmIdentityAsync(this IPage page)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm it's you", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Password").FillAsync(BrowserApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
    }

    public static ILocator Avatar(this IPage page) => page.Locator("details.avatar-menu > summary");

    public static async Task OpenApiTokensAsync(this IPage page)
    {
        await page.Avatar().ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "API Tokens" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "API Tokens", Level = 1 })).ToBeVisibleAsync();
        await page.ScriptsReadyAsync();
    }

    /// <summary>
    /// Waits until the current document has loaded and its scripts have run, as the page itself reports it.
    /// Asked inside the page rather than through Playwright's load-state events, which can miss a load that
    /// races with the navigation that started it. Without JavaScript there is nothing to wait for, and the page would
    /// never run the wait's polling: it would time out whenever the first look came before the load.
    /// </summary>
    public static async Task ScriptsReadyAsync(this IPage page)
    {
        if (!page.HasScriptDisabled())
        {
            await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
        }
    }

    /// <summary>Avatar → Group members, as an administrator.</summary>
    public static async Task OpenGroupMembersAsync(this IPage page)
    {
        await page.Avatar().ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Group members" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Group members", Level = 1 })).ToBeVisibleAsync();
    }

    public static async Task SearchUsersAsync(this IPage page, string search)
    {
        await page.GetByLabel("Search by email or name").FillAsync(search);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(page.GetByLabel("Search by email or name")).ToHaveValueAsync(search);
    }

    /// <summary>The users list's row for that email.</summary>
    public static ILocator UserRow(this IPage page, string email) =>
        page.Locator("tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = email, Exact = true }) });

    /// <summary>Add Token → Description + Timeout → Create, from the list.</summary>
    public static async Task AddTokenAsync(this IPage page, string description, int timeoutDays)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Add Token" }).ClickAsync();
        await Expect(page).ToHaveTitleAsync(new Regex("^Add token"));
        await page.GetByLabel("Description").FillAsync(description);
        await page.GetByLabel("Timeout (days)").FillAsync(timeoutDays.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(page.Row(description)).ToBeVisibleAsync();
        // A person does not click within the instant between the row painting and the scripts running.
        await page.ScriptsReadyAsync();
    }

    /// <summary>Presses Tab until the element has focus; fails if it is not reachable within a few presses.</summary>
    public static async Task TabToAsync(this IPage page, ILocator target, int maxPresses = 25)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                return;
            }
        }

        Assert.Fail($"{target} was not reached with {maxPresses} presses of Tab.");
    }

    /// <summary>
    /// For what the application writes a moment after the request (last used, addresses): reloads the page until the
    /// element is there, for at most the expect timeout.
    /// </summary>
    public static async Task ReloadUntilAsync(this IPage page, ILocator wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await wanted.CountAsync() == 0 && DateTime.UtcNow < deadline)
        {
            await page.ReloadAsync();
        }

        await Expect(wanted).Not.ToHaveCountAsync(0);
    }

    /// <summary>The list's row (or card, on a phone) for the token with that description.</summary>
    public static ILocator Row(this IPage page, string description) =>
        page.Locator("tbody tr").Filter(new() { Has = page.Locator(".token-description", new() { HasTextRegex = new Regex($"^{Regex.Escape(description)}$") }) });

    public static ILocator Code(this ILocator row) => row.Locator(".token-code");

    public static ILocator Button(this ILocator row, string name) => row.GetByRole(AriaRole.Button, new() { Name = name });

    public static ILocator Link(this ILocator row, string name) => row.GetByRole(AriaRole.Link, new() { Name = name });

    [GeneratedRegex("^scp_[0-9A-Za-z]{36}$")]
    public static partial Regex TokenCode();

    [GeneratedRegex("^•+$")]
    public static partial Regex Dots();
}
