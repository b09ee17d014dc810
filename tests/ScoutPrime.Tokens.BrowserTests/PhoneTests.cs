using Microsoft.Playwright;
using ScoutPrime.Tokens.BrowserTests.Infrastructure;
using ScoutPrime.Tokens.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace ScoutPrime.Tokens.BrowserTests;

/// <summary>A 375-pixel-wide phone: the table becomes stacked cards and nothing scrolls sideways.</summary>
public sealed class PhoneTests(Chromium chromium, BrowserApp app) : BrowserTest(chromium, app)
{
    [SkippableFact]
    public Task Token_list_is_stacked_cards_with_Add_Token_in_reach() => RunAsync(async page =>
    {
        await page.SignInAsync(await App.CreateUserAsync(Roles.ApiTokensGroup));
        await page.OpenApiTokensAsync();
        await page.AddTokenAsync("A rather long description for a phone", 30);
        var row = page.Row("A rather long description for a phone");
        await row.Button("Show token 'A rather long description for a phone'").TapAsync();
        await Expect(row.Code()).ToHaveTextAsync(Steps.TokenCode());

        Assert.Equal("block", await row.EvaluateAsync<string>("row => getComputedStyle(row).display"));
        await Expect(page.Locator("thead")).Not.ToBeInViewportAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways.");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Add Token" })).ToBeInViewportAsync();
        await page.AssertNoSeriousViolationsAsync();
        Directory.CreateDirectory(ArtifactsDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsDirectory, "token-list-phone.png") });

        await row.Link("Delete token 'A rather long description for a phone'").TapAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeInViewportAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes" }).TapAsync();
        await Expect(page.GetByText("You have no API tokens yet")).ToBeVisibleAsync();
    }, Phone());
}
