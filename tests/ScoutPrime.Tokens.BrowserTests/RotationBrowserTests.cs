using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ScoutPrime.Tokens.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ScoutPrime.Tokens.BrowserTests;

/// <summary>Rotate and suspend by keyboard, with and without JavaScript; axe on the rotation and details pages.</summary>
public sealed class RotationBrowserTests(Chromium chromium, BrowserApp app) : BrowserTest(chromium, app)
{
    [SkippableFact]
    public Task Rotate_by_keyboard_highlights_the_successor_and_greys_the_old_token() =>
        RunAsync(page => RotateAsync(page, "Keyboard rotation", "1 hour", "Replaced — works until"));

    [SkippableFact]
    public Task Rotate_without_JavaScript_goes_through_the_confirmation_page() =>
        RunAsync(page => RotateAsync(page, "No script rotation", "Stop now", "Replaced — stopped working"), WithoutJavaScript());

    [SkippableFact]
    public Task Suspend_and_resume_without_JavaScript_show_and_remove_the_badge() => RunAsync(async page =>
    {
        await SignInMemberToTokensAsync(page);
        await page.AddTokenAsync("Paused", 15);

        await page.Row("Paused").Button("Suspend token 'Paused'").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Token 'Paused' suspended");
        await Expect(page.Row("Paused").Locator(".token-suspended")).ToHaveTextAsync("Suspended");
        await page.AssertNoSeriousViolationsAsync();

        await page.Row("Paused").Button("Resume token 'Paused'").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Token 'Paused' resumed.");
        await Expect(page.Row("Paused").Locator(".token-suspended")).ToHaveCountAsync(0);
    }, WithoutJavaScript());

    private async Task RotateAsync(IPage page, string description, string overlap, string oldRowText)
    {
        await SignInMemberToTokensAsync(page);
        await page.AddTokenAsync(description, 15);

        var rotate = page.Row(description).Link($"Rotate token '{description}'");
        await page.TabToAsync(rotate, maxPresses: 60);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveTitleAsync($"Rotate token '{description}' · scoutPRIME");
        await Expect(page.GetByLabel("Until the new code is first used (at most 24 hours)")).ToBeCheckedAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel(overlap, new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate" }).PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Token '{description}' rotated.");
        var successor = page.Locator("tbody tr.token-new");
        var old = page.Locator("tbody tr.token-replaced");
        await Expect(successor.Button($"Show token '{description}'")).ToBeFocusedAsync();
        await Expect(old).ToContainTextAsync(oldRowText);
        await Expect(old.Link($"Rotate token '{description}'")).ToHaveCountAsync(0);
        await page.AssertNoSeriousViolationsAsync();

        await successor.Button($"Show token '{description}'").ClickAsync();
        await Expect(successor.Code()).ToHaveTextAsync(Steps.TokenCode());

        await old.GetByRole(AriaRole.Link, new() { Name = description }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/tokens/[0-9a-f-]+/details$"));
        await Expect(page.Locator("tr[data-action='token.rotated']")).ToHaveCountAsync(1);
        await page.AssertNoSeriousViolationsAsync();
    }
}
