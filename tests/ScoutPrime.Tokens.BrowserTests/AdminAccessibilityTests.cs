using Microsoft.Playwright;
using ScoutPrime.Tokens.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ScoutPrime.Tokens.BrowserTests;

/// <summary>axe-core on the administrators' screens, filled as they are in use: no serious or critical violation.</summary>
public sealed class AdminAccessibilityTests(Chromium chromium, BrowserApp app) : BrowserTest(chromium, app)
{
    [SkippableFact]
    public Task Users_list_with_search_results_and_paging_has_no_serious_violations() => RunAsync(async page =>
    {
        await App.SeedUsersAsync("crowd.test", 30);
        await page.SignInAsync(BrowserApp.AdminEmail);
        await page.OpenGroupMembersAsync();
        await page.AssertNoSeriousViolationsAsync(); // everyone, unfiltered

        await page.SearchUsersAsync("crowd.test");
        await Expect(page.GetByText("30 users · page 1 of 2")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Pages of users" })).ToBeVisibleAsync();
        await ExpectUnavailableAsync(page.GetByRole(AriaRole.Link, new() { Name = "Previous" }));
        Assert.False(await page.GetByRole(AriaRole.Link, new() { Name = "Next" })
            .EvaluateAsync<bool>("link => link.hasAttribute('aria-disabled') || link.hasAttribute('tabindex')"));
        await page.AssertNoSeriousViolationsAsync(); // search results, Previous unavailable

        await page.GetByRole(AriaRole.Link, new() { Name = "Next" }).ClickAsync();
        await Expect(page.GetByText("30 users · page 2 of 2")).ToBeVisibleAsync();
        await Expect(page.UserRow("person29@crowd.test")).ToBeVisibleAsync();
        await ExpectUnavailableAsync(page.GetByRole(AriaRole.Link, new() { Name = "Next" }));
        await page.AssertNoSeriousViolationsAsync(); // last page, Next unavailable

        await page.SearchUsersAsync("nobody.test");
        await Expect(page.GetByText("No users match.")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
    });

    [SkippableFact]
    public Task User_details_and_confirmation_pages_have_no_serious_violations() => RunAsync(async page =>
    {
        var email = await App.CreateUserAsync();
        await App.CreateTokenAsync(email, "CI pipeline", 30);
        await App.CreateTokenAsync(email, "Laptop", 3);
        await page.SignInAsync(BrowserApp.AdminEmail);
        await page.OpenGroupMembersAsync();
        await page.SearchUsersAsync(email);
        await page.GetByRole(AriaRole.Link, new() { Name = email, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to group" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{email} added to the API Tokens Group.");
        await Expect(page.Locator("section[aria-labelledby=tokens-heading] tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("table.history tbody tr")).ToHaveCountAsync(3);
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Expires soon" })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync(); // tokens, history and the flash

        await page.GetByRole(AriaRole.Link, new() { Name = "Remove from group" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Remove {email} from the API Tokens Group?" })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "No", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Delete token 'Laptop'" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Delete token 'Laptop' of {email}?" })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
    });

    /// <summary>A greyed-out page link is also out of the Tab order and announced as unavailable.</summary>
    private static async Task ExpectUnavailableAsync(ILocator link)
    {
        await Expect(link).ToHaveAttributeAsync("aria-disabled", "true");
        await Expect(link).ToHaveAttributeAsync("tabindex", "-1");
    }
}
