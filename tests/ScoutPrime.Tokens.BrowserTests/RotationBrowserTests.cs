using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ScoutPrime.Tokens.BrowserTests.Infrastructure;
using ScoutPrime.Tokens.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ScoutPrime.Tokens.BrowserTests;

/// <summary>Rotate from the row action, with the keyboard alone and without JavaScript; axe on the confirmation page and the list.</summary>
public sealed class RotationBrowserTests(Chromium chromium, BrowserApp app) : BrowserTest(chromium, app)
{
    [SkippableFact]
    public Task Rotate_by_keyboard_greys_the_old_token_and_highlights_its_successor() => RunAsync(async page =>
    {
        await SignInMemberToTokensAsync(page);
        await page.AddTokenAsync("Nightly export", 15);
        var oldId = await page.Row("Nightly export").GetAttributeAsync("id");

        await page.TabToAsync(page.Row("Nightly export").Link("Rotate token 'Nightly export'"), maxPresses: 60);
        await page.Keyboard.PressAsync("Enter");
        await ExpectConfirmationAsync(page, "Nightly export");
        await page.AssertNoSeriousViolationsAsync();

        // A radio group is one Tab stop: Tab reaches the checked choice, the arrow keys move the choice.
        await page.TabToAsync(page.GetByLabel("Until the new code is first used (at most 24 hours)"));
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.GetByLabel("1 hour", new() { Exact = true })).ToBeCheckedAsync();
        await page.TabToAsync(page.GetByRole(AriaRole.Button, new() { Name = "Rotate" }));
        await page.Keyboard.PressAsync("Enter");

        var until = DisplayText.DateAndTime(App.Time.GetUtcNow().AddHours(1));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Token 'Nightly export' rotated. The old code works until {until}.");
        var successor = await ExpectReplacedAsync(page, oldId!, "Nightly export", $"Replaced — works until {until}");
        await page.AssertNoSeriousViolationsAsync(); // a greyed replaced row beside a highlighted new one

        await page.Keyboard.PressAsync("Enter"); // Show has the focus
        await Expect(successor.Code()).ToHaveTextAsync(Steps.TokenCode());
        await Expect(page.Locator($"#{oldId}").Code()).ToHaveTextAsync(Steps.Dots());

        await page.Locator($"#{oldId}").GetByRole(AriaRole.Link, new() { Name = "Nightly export", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/tokens/{oldId!["token-".Length..]}/details$"));
        await Expect(page.Locator("tr[data-action='token.rotated']")).ToHaveCountAsync(1);
        await Expect(page.Locator(".token-replaced-note")).ToHaveTextAsync($"Replaced — works until {until}");
    });

    [SkippableFact]
    public Task Rotate_without_JavaScript_asks_a_stale_proof_then_goes_through_the_confirmation_page() => RunAsync(async page =>
    {
        await SignInMemberToTokensAsync(page);
        await page.AddTokenAsync("Cron job", 15);
        var oldId = await page.Row("Cron job").GetAttributeAsync("id");
        App.Time.Advance(TimeSpan.FromMinutes(11)); // past the freshness of the sign-in

        await page.Row("Cron job").Link("Rotate token 'Cron job'").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Identity/Account/ConfirmIdentity\\?returnUrl="));
        await page.ConfirmIdentityAsync();
        await ExpectConfirmationAsync(page, "Cron job");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Stop now", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Token 'Cron job' rotated. The old code has stopped working.");
        var successor = await ExpectReplacedAsync(page, oldId!, "Cron job", "Replaced — stopped working");
        await page.AssertNoSeriousViolationsAsync();

        await successor.Button("Show token 'Cron job'").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/tokens/[0-9a-f-]+/reveal$"));
        await Expect(page.Locator($"#{await successor.GetAttributeAsync("id")}").Code()).ToHaveTextAsync(Steps.TokenCode());
    }, WithoutJavaScript());

    private static async Task ExpectConfirmationAsync(IPage page, string description)
    {
        await Expect(page).ToHaveTitleAsync($"Rotate token '{description}' · scoutPRIME");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "How long may the old code keep working?" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Until the new code is first used (at most 24 hours)")).ToBeCheckedAsync();
    }

    /// <summary>The old row greyed, without Rotate, its note linking to the successor; the successor highlighted, its Show focused.</summary>
    private static async Task<ILocator> ExpectReplacedAsync(IPage page, string oldId, string description, string note)
    {
        var old = page.Locator($"#{oldId}");
        var successor = page.Locator("tbody tr.token-new");
        await Expect(successor).ToHaveCountAsync(1);
        await Expect(successor.Button($"Show token '{description}'")).ToBeFocusedAsync();
        await Expect(old).ToHaveClassAsync(new Regex(@"\btoken-replaced\b"));
        await Expect(old.Locator(".token-replaced-note")).ToContainTextAsync(note);
        await Expect(old.Link($"Rotate token '{description}'")).ToHaveCountAsync(0);
        await Expect(old.Link("its successor")).ToHaveAttributeAsync("href", $"#{await successor.GetAttributeAsync("id")}");
        return page.Locator($"#{await successor.GetAttributeAsync("id")}");
    }
}
