using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ScoutPrime.Tokens.BrowserTests.Infrastructure;
using ScoutPrime.Tokens.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace ScoutPrime.Tokens.BrowserTests;

/// <summary>Suspend and resume from the list, with the keyboard and without JavaScript, and by an administrator; the token details page.</summary>
public sealed class SuspendBrowserTests(Chromium chromium, BrowserApp app) : BrowserTest(chromium, app)
{
    [SkippableFact]
    public Task Suspend_and_resume_by_keyboard_show_and_remove_the_badge() => RunAsync(async page =>
    {
        await SignInMemberToTokensAsync(page);
        await page.AddTokenAsync("Paused", 15);

        await page.TabToAsync(page.Row("Paused").Button("Suspend token 'Paused'"), maxPresses: 60);
        await page.Keyboard.PressAsync("Enter");
        await ExpectSuspendedAsync(page, "Paused");

        await page.TabToAsync(page.Row("Paused").Button("Resume token 'Paused'"), maxPresses: 60);
        await page.Keyboard.PressAsync("Enter");
        await ExpectResumedAsync(page, "Paused");
    });

    [SkippableFact]
    public Task Suspend_and_resume_without_JavaScript_show_and_remove_the_badge() => RunAsync(async page =>
    {
        await SignInMemberToTokensAsync(page);
        await page.AddTokenAsync("Paused", 15);

        await page.Row("Paused").Button("Suspend token 'Paused'").ClickAsync();
        await ExpectSuspendedAsync(page, "Paused");

        await page.Row("Paused").Button("Resume token 'Paused'").ClickAsync();
        await ExpectResumedAsync(page, "Paused");
    }, WithoutJavaScript());

    [SkippableFact]
    public Task Details_page_by_keyboard_shows_where_the_token_was_used_from_and_its_history() => RunAsync(async page =>
    {
        await SignInMemberToTokensAsync(page);
        await page.AddTokenAsync("Reporting", 15);
        var row = page.Row("Reporting");
        await row.Button("Show token 'Reporting'").ClickAsync();
        await Expect(row.Code()).ToHaveTextAsync(Steps.TokenCode());
        using (var api = new HttpClient { BaseAddress = App.BaseAddress })
        using (var call = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me"))
        {
            call.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await row.Code().TextContentAsync());
            call.Headers.UserAgent.ParseAdd("report-builder/2.1");
            Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(call)).StatusCode);
        }

        await page.TabToAsync(row.GetByRole(AriaRole.Link, new() { Name = "Reporting", Exact = true }), maxPresses: 40);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveTitleAsync("Token 'Reporting' · scoutPRIME");
        await Expect(page).ToHaveURLAsync(new Regex("/tokens/[0-9a-f-]+/details$"));
        // The address is written off the request path, a moment after the call: the page shows it on a later load.
        var address = page.Locator("table.token-addresses tbody tr");
        await page.ReloadUntilAsync(address);
        await Expect(address.Locator("td").Nth(0)).ToHaveTextAsync("127.0.0.1");
        await Expect(address.Locator("td").Nth(1)).ToHaveTextAsync("report-builder/2.1");
        await Expect(address.Locator("td").Nth(4)).ToHaveTextAsync("1");
        await Expect(page.Locator("table.history tr[data-action='token.created']")).ToHaveCountAsync(1);
        await Expect(page.Locator("table.history tr[data-action='token.revealed']")).ToHaveCountAsync(1);
        await page.AssertNoSeriousViolationsAsync();

        await page.TabToAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" }).GetByRole(AriaRole.Link));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "API Tokens", Level = 1 })).ToBeVisibleAsync();
    });

    [SkippableFact]
    public Task Administrator_suspends_a_users_token_by_keyboard_and_sees_it_in_the_tokens_history() => RunAsync(async page =>
    {
        var email = await App.CreateUserAsync(Roles.ApiTokensGroup);
        await App.CreateTokenAsync(email, "Their script", 30);
        await page.SignInAsync(BrowserApp.AdminEmail);
        await page.OpenGroupMembersAsync();
        await page.SearchUsersAsync(email);
        await page.GetByRole(AriaRole.Link, new() { Name = email, Exact = true }).ClickAsync();
        var row = page.Locator("tbody tr").Filter(new() { HasText = "Their script" });

        await page.TabToAsync(row.Button("Suspend token 'Their script'"), maxPresses: 60);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Token 'Their script' suspended");
        await Expect(row.Locator(".token-suspended")).ToHaveTextAsync("Suspended");
        await page.AssertNoSeriousViolationsAsync();
        await page.TabToAsync(row.GetByRole(AriaRole.Link, new() { Name = "Their script", Exact = true }), maxPresses: 60);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveTitleAsync("Token 'Their script' · scoutPRIME");
        await Expect(page.Locator(".token-details .token-suspended")).ToHaveTextAsync("Suspended");
        await Expect(page.Locator("table.history tr[data-action='token.suspended']")).ToContainTextAsync(BrowserApp.AdminEmail);
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" }).GetByRole(AriaRole.Link).ClickAsync();
        await row.Button("Resume token 'Their script'").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Token 'Their script' resumed.");
        await Expect(row.Locator(".token-suspended")).ToHaveCountAsync(0);
    });

    private static async Task ExpectSuspendedAsync(IPage page, string description)
    {
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Token '{description}' suspended: the API refuses it until you resume it.");
        await Expect(page.Row(description).Locator(".token-suspended")).ToHaveTextAsync("Suspended");
        await Expect(page.Row(description).Button($"Suspend token '{description}'")).ToHaveCountAsync(0);
        await page.AssertNoSeriousViolationsAsync(); // the badge on its row
    }

    private static async Task ExpectResumedAsync(IPage page, string description)
    {
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Token '{description}' resumed.");
        await Expect(page.Row(description).Locator(".token-suspended")).ToHaveCountAsync(0);
        await Expect(page.Row(description).Button($"Suspend token '{description}'")).ToBeVisibleAsync();
    }
}
