using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ScoutPrime.Tokens.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ScoutPrime.Tokens.BrowserTests;

/// <summary>The same flows with JavaScript off: every action is a plain form or link.</summary>
public sealed class NoScriptFlowTests(Chromium chromium, BrowserApp app) : BrowserTest(chromium, app)
{
    [SkippableFact]
    public Task Add_then_Show_renders_the_page_revealed_and_Hide_masks_it() => RunAsync(async page =>
    {
        await SignInMemberToTokensAsync(page);
        await page.AddTokenAsync("No script", 15);
        var row = page.Row("No script");
        await Expect(row).ToHaveClassAsync(new Regex("token-new"));
        await Expect(row.Button("Show token 'No script'")).ToBeFocusedAsync();

        await row.Button("Show token 'No script'").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/tokens/[0-9a-f-]+/reveal$"));
        await Expect(row.Code()).ToHaveTextAsync(Steps.TokenCode());
        await Expect(row.Link("Hide token 'No script'")).ToHaveTextAsync("Hide");
        await Expect(row.Button("Copy token 'No script'")).ToBeHiddenAsync();

        await row.Link("Hide token 'No script'").ClickAsync();

        await Expect(row.Code()).ToHaveTextAsync(Steps.Dots());
        await Expect(row.Button("Show token 'No script'")).ToBeVisibleAsync();
    }, WithoutJavaScript());

    [SkippableFact]
    public Task Pencil_then_Save_or_Cancel() => RunAsync(async page =>
    {
        await SignInMemberToTokensAsync(page);
        await page.AddTokenAsync("Before", 15);

        await page.Row("Before").Link("Edit token 'Before'").ClickAsync();
        await page.GetByLabel("Description").FillAsync("Ignored");
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();
        await Expect(page.Row("Before")).ToBeVisibleAsync();
        await Expect(page.Row("Ignored")).ToHaveCountAsync(0);

        await page.Row("Before").Link("Edit token 'Before'").ClickAsync();
        await page.GetByLabel("Description").FillAsync("After");
        await page.GetByLabel("Timeout (days)").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        var row = page.Row("After");
        await Expect(row.Locator("td[data-label=Expires] time")).ToHaveTextAsync("in 3 days");
        await Expect(row.Locator("td[data-label=Status]")).ToHaveTextAsync(new Regex("Expires soon"));
        await Expect(page.GetByRole(AriaRole.Status)).ToBeFocusedAsync();
    }, WithoutJavaScript());

    [SkippableFact]
    public Task Trash_goes_through_the_confirmation_page_No_keeps_Yes_deletes() => RunAsync(async page =>
    {
        await SignInMemberToTokensAsync(page);
        await page.AddTokenAsync("Target", 15);

        await page.Row("Target").Link("Delete token 'Target'").ClickAsync();
        await Expect(page).ToHaveTitleAsync("Delete token 'Target' · scoutPRIME");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "No" })).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "No" }).ClickAsync();
        await Expect(page.Row("Target")).ToBeVisibleAsync();

        await page.Row("Target").Link("Delete token 'Target'").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Token 'Target' deleted.");
        await Expect(page.Row("Target")).ToHaveCountAsync(0);
        await Expect(page.GetByText("You have no API tokens yet")).ToBeVisibleAsync();
    }, WithoutJavaScript());
}
