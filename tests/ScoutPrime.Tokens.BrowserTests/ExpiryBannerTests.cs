using Microsoft.Playwright;
using ScoutPrime.Tokens.BrowserTests.Infrastructure;
using ScoutPrime.Tokens.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace ScoutPrime.Tokens.BrowserTests;

/// <summary>The "expire this week" banner: on every page, axe-clean, dismissed for the day by keyboard, with or without script.</summary>
public sealed class ExpiryBannerTests(Chromium chromium, BrowserApp app) : BrowserTest(chromium, app)
{
    [SkippableFact]
    public Task Banner_shows_on_every_page_and_is_dismissed_for_the_day_by_keyboard() => RunAsync(async page =>
    {
        var email = await App.CreateUserAsync(Roles.ApiTokensGroup);
        await App.CreateTokenAsync(email, "Nightly sync", 3);
        await App.CreateTokenAsync(email, "Weekly report", 6);
        await page.SignInAsync(email);

        var banner = page.Locator("#expiry-banner");
        await Expect(banner).ToContainTextAsync("2 tokens expire this week");
        await page.AssertNoSeriousViolationsAsync();
        await page.GotoAsync("/Identity/Account/Manage/Notices");
        await Expect(banner).ToBeVisibleAsync();
        await banner.GetByRole(AriaRole.Link, new() { Name = "review" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(App.Url("/tokens"));

        var dismiss = banner.GetByRole(AriaRole.Button, new() { Name = "Dismiss for today" });
        await dismiss.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(App.Url("/tokens"));
        await Expect(banner).ToHaveCountAsync(0);
        await page.GotoAsync("/tokens/new");
        await Expect(banner).ToHaveCountAsync(0);
    });

    [SkippableFact]
    public Task Dismissing_works_without_JavaScript() => RunAsync(
        async page =>
        {
            var email = await App.CreateUserAsync(Roles.ApiTokensGroup);
            await App.CreateTokenAsync(email, "Only one", 2);
            await page.SignInAsync(email);
            var banner = page.Locator("#expiry-banner");
            await Expect(banner).ToContainTextAsync("1 token expires this week");

            await banner.GetByRole(AriaRole.Button, new() { Name = "Dismiss for today" }).ClickAsync();

            await Expect(banner).ToHaveCountAsync(0);
            await Expect(page).ToHaveURLAsync(App.Url("/tokens"));
        },
        WithoutJavaScript());
}
