using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ScoutPrime.Tokens.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ScoutPrime.Tokens.BrowserTests;

/// <summary>The Resource servers screens by keyboard, with JavaScript off, axe-clean at every step.</summary>
public sealed partial class ResourceServerFlowTests(Chromium chromium, BrowserApp app) : BrowserTest(chromium, app)
{
    [SkippableFact]
    public Task Add_shows_the_secret_once_then_delete_after_confirming() => RunAsync(async page =>
    {
        await page.SignInAsync(BrowserApp.AdminEmail);
        await page.Avatar().ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Resource servers" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Resource servers", Level = 1 })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        await page.TabToAsync(page.GetByRole(AriaRole.Link, new() { Name = "Add resource server" }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add resource server" })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Name").FillAsync("Search API");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Resource server 'Search API' created" })).ToBeVisibleAsync();
        await Expect(page.Locator("code.client-secret")).ToHaveTextAsync(Secret());
        var clientId = await page.Locator("code.client-id").TextContentAsync();
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Done" }).ClickAsync();
        var row = page.Locator("tbody tr").Filter(new() { HasText = clientId! });
        await Expect(row).ToContainTextAsync("Never");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("rss_");
        await page.AssertNoSeriousViolationsAsync();

        await row.GetByRole(AriaRole.Link, new() { Name = "Delete Search API" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Delete resource server 'Search API'?" })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Resource server 'Search API' deleted.");
        await Expect(page.Locator("tbody tr").Filter(new() { HasText = clientId! })).ToHaveCountAsync(0);
        await page.AssertNoSeriousViolationsAsync();
    }, WithoutJavaScript());

    [GeneratedRegex("^rss_[0-9A-Za-z]{43}$")]
    private static partial Regex Secret();
}
