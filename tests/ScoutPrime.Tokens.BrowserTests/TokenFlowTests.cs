using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ScoutPrime.Tokens.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ScoutPrime.Tokens.BrowserTests;

/// <summary>The manual's flows, with JavaScript on: clicks and typing only.</summary>
public sealed class TokenFlowTests(Chromium chromium, BrowserApp app) : BrowserTest(chromium, app)
{
    [SkippableFact]
    public Task Created_token_appears_highlighted_with_Show_focused() => RunAsync(async page =>
    {
        await SignInMemberToTokensAsync(page);

        await page.AddTokenAsync("SIEM export", 15);

        var row = page.Row("SIEM export");
        await Expect(row).ToHaveClassAsync(new Regex("token-new"));
        await Expect(row.GetByText("New", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(row.Code()).ToHaveTextAsync(Steps.Dots());
        await Expect(row.Button("Show token 'SIEM export'")).ToBeFocusedAsync();
        await Expect(row.Locator("td[data-label=Expires] time")).ToHaveTextAsync("in 15 days");
        await Expect(row.Locator("td[data-label=Expires] time")).ToHaveAttributeAsync("title", "2026-11-16 09:00 UTC");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Token 'SIEM export' created");

        await page.ReloadAsync();
        await Expect(page.Row("SIEM export")).Not.ToHaveClassAsync(new Regex("token-new"));
    });

    [SkippableFact]
    public Task Show_reveals_the_code_and_Hide_masks_it_again() => RunAsync(async page =>
    {
        await SignInMemberToTokensAsync(page);
        await page.AddTokenAsync("Nightly sync", 30);
        var row = page.Row("Nightly sync");

        await row.Button("Show token 'Nightly sync'").ClickAsync();

        await Expect(row.Code()).ToHaveTextAsync(Steps.TokenCode());
        await Expect(row.Button("Hide token 'Nightly sync'")).ToHaveTextAsync("Hide");
        await Expect(page).ToHaveURLAsync(App.Url("/tokens"));

        await row.Button("Hide token 'Nightly sync'").ClickAsync();

        await Expect(row.Code()).ToHaveTextAsync(Steps.Dots());
        await Expect(row.Button("Show token 'Nightly sync'")).ToHaveTextAsync("Show");
        await Expect(row.Button("Copy token 'Nightly sync'")).ToBeHiddenAsync();
    });

    [SkippableFact]
    public Task Copy_puts_the_code_on_the_clipboard_and_announces_it() => RunAsync(async page =>
    {
        await SignInMemberToTokensAsync(page);
        await page.AddTokenAsync("Clipboard", 5);
        var row = page.Row("Clipboard");
        await row.Button("Show token 'Clipboard'").ClickAsync();
        await Expect(row.Code()).ToHaveTextAsync(Steps.TokenCode());
        var code = await row.Code().TextContentAsync();

        await row.Button("Copy token 'Clipboard'").ClickAsync();

        Assert.Equal(code, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await Expect(row.Button("Copy token 'Clipboard'")).ToHaveTextAsync("Copied");
        await Expect(page.Locator("#token-announcer")).ToHaveTextAsync("Copied");
        await Expect(page.Locator("#token-announcer")).ToHaveAttributeAsync("aria-live", "polite");
    }, new BrowserNewContextOptions { Permissions = ["clipboard-read", "clipboard-write"] });

    [SkippableFact]
    public Task Only_one_code_is_shown_at_a_time_and_it_masks_itself_after_a_minute_or_on_leaving() => RunAsync(async page =>
    {
        await page.Clock.InstallAsync();
        await SignInMemberToTokensAsync(page);
        await page.AddTokenAsync("First", 10);
        await page.AddTokenAsync("Second", 10);
        var (first, second) = (page.Row("First"), page.Row("Second"));

        await first.Button("Show token 'First'").ClickAsync();
        await Expect(first.Code()).ToHaveTextAsync(Steps.TokenCode());
        await second.Button("Show token 'Second'").ClickAsync();

        await Expect(second.Code()).ToHaveTextAsync(Steps.TokenCode());
        await Expect(first.Code()).ToHaveTextAsync(Steps.Dots());
        await Expect(first.Button("Show token 'First'")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(App.Url("/tokens"));

        await page.Clock.FastForwardAsync("00:59");
        await Expect(second.Code()).ToHaveTextAsync(Steps.TokenCode());
        await page.Clock.FastForwardAsync("00:02");
        await Expect(second.Code()).ToHaveTextAsync(Steps.Dots());
        await Expect(second.Button("Show token 'Second'")).ToBeVisibleAsync();

        await first.Button("Show token 'First'").ClickAsync();
        await Expect(first.Code()).ToHaveTextAsync(Steps.TokenCode());
        await page.GetByRole(AriaRole.Link, new() { Name = "Add Token" }).ClickAsync();
        await page.GoBackAsync();
        await Expect(first.Code()).ToHaveTextAsync(Steps.Dots());
    });

    [SkippableFact]
    public Task Pencil_then_Save_changes_description_and_timeout() => RunAsync(async page =>
    {
        await SignInMemberToTokensAsync(page);
        await page.AddTokenAsync("Old name", 15);

        await page.Row("Old name").Link("Edit token 'Old name'").ClickAsync();
        await Expect(page).ToHaveTitleAsync("Edit token 'Old name' · scoutPRIME");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Edit token 'Old name'" })).ToBeVisibleAsync();
        await page.GetByLabel("Description").FillAsync("New name");
        await page.GetByLabel("Timeout (days)").FillAsync("90");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        var row = page.Row("New name");
        await Expect(row.Locator("td[data-label=Expires] time")).ToHaveTextAsync("in 3 months");
        await Expect(row.Locator("td[data-label=Expires] time")).ToHaveAttributeAsync("title", "2027-01-30 09:00 UTC");
        await Expect(page.Row("Old name")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Status)).ToBeFocusedAsync();
    });

    [SkippableFact]
    public Task Pencil_then_Cancel_leaves_the_token_unchanged() => RunAsync(async page =>
    {
        await SignInMemberToTokensAsync(page);
        await page.AddTokenAsync("Keep me", 15);

        await page.Row("Keep me").Link("Edit token 'Keep me'").ClickAsync();
        await page.GetByLabel("Description").FillAsync("Changed my mind");
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();

        await Expect(page.Row("Keep me").Locator("td[data-label=Expires] time")).ToHaveTextAsync("in 15 days");
        await Expect(page.Row("Changed my mind")).ToHaveCountAsync(0);
    });

    [SkippableFact]
    public Task Trash_then_No_keeps_the_token_and_returns_focus_to_the_trash_button() => RunAsync(async page =>
    {
        await SignInMemberToTokensAsync(page);
        await page.AddTokenAsync("Still here", 15);
        var trash = page.Row("Still here").Link("Delete token 'Still here'");

        await trash.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Delete token 'Still here'?" });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "No", Exact = true })).ToBeFocusedAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "No", Exact = true }).ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(trash).ToBeFocusedAsync();
        await Expect(page.Row("Still here")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(App.Url("/tokens"));
    });

    [SkippableFact]
    public Task Trash_then_Yes_deletes_the_token() => RunAsync(async page =>
    {
        await SignInMemberToTokensAsync(page);
        await page.AddTokenAsync("Doomed", 15);
        await page.AddTokenAsync("Survivor", 15);

        await page.Row("Doomed").Link("Delete token 'Doomed'").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Delete token 'Doomed'?" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Yes" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Token 'Doomed' deleted.");
        await Expect(page.GetByRole(AriaRole.Status)).ToBeFocusedAsync();
        await Expect(page.Row("Doomed")).ToHaveCountAsync(0);
        await Expect(page.Row("Survivor")).ToBeVisibleAsync();
    });
}
