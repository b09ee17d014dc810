using Microsoft.Playwright;
using ScoutPrime.Tokens.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ScoutPrime.Tokens.BrowserTests;

/// <summary>
/// The administrators' Settings screen (token policies) by keyboard, with and without JavaScript. A class of its
/// own: the policies it saves hold for the whole application, which no other test class shares.
/// </summary>
public sealed class AdminSettingsTests(Chromium chromium, BrowserApp app) : BrowserTest(chromium, app)
{
    [SkippableFact]
    public Task Keyboard_alone_lowers_the_maximum_timeout_after_an_out_of_range_value_and_picks_the_reveal_policy() => RunAsync(async page =>
    {
        await App.CreateTokenAsync(await App.CreateUserAsync(), "Long-lived", 90);
        await OpenSettingsByKeyboardAsync(page);
        await page.AssertNoSeriousViolationsAsync();

        await TypeIntoAsync(page, "Maximum timeout (days)", "0");
        await page.TabToAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save" }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByText("Choose a maximum timeout from 1 to 3650 days.")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync(); // the error

        await TypeIntoAsync(page, "Maximum timeout (days)", "60");
        await page.TabToAsync(page.GetByLabel("Always re-revealable", new() { Exact = false }));
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.GetByLabel("Shown once", new() { Exact = false })).ToBeCheckedAsync();
        await page.TabToAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save" }));
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Settings saved. 1 token now expires sooner, within the new maximum timeout." }))
            .ToBeFocusedAsync();
        await Expect(page.GetByLabel("Maximum timeout (days)")).ToHaveValueAsync("60");
        await Expect(page.GetByLabel("Shown once", new() { Exact = false })).ToBeCheckedAsync();
        await page.AssertNoSeriousViolationsAsync(); // the flash
    });

    [SkippableFact]
    public Task Without_JavaScript_the_keyboard_saves_the_token_limit_and_idle_revocation() => RunAsync(async page =>
    {
        await OpenSettingsByKeyboardAsync(page);

        await TypeIntoAsync(page, "Tokens per user, at most", "0");
        await page.Keyboard.PressAsync("Enter"); // a form submits from its text field
        await Expect(page.GetByText("Choose from 1 to 10000 tokens per user.")).ToBeVisibleAsync();

        await TypeIntoAsync(page, "Tokens per user, at most", "20");
        await TypeIntoAsync(page, "Revoke tokens unused for (days)", "365");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Settings saved." })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Tokens per user, at most")).ToHaveValueAsync("20");
        await Expect(page.GetByLabel("Revoke tokens unused for (days)")).ToHaveValueAsync("365");
    }, WithoutJavaScript());

    private static async Task OpenSettingsByKeyboardAsync(IPage page)
    {
        await page.SignInAsync(BrowserApp.AdminEmail);
        await page.TabToAsync(page.Avatar());
        await page.Keyboard.PressAsync("Enter");
        await page.TabToAsync(page.GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Settings", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>Tabs to the field, selects what it holds and types over it.</summary>
    private static async Task TypeIntoAsync(IPage page, string label, string text)
    {
        await page.TabToAsync(page.GetByLabel(label, new() { Exact = true }));
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(text);
    }
}
