using Microsoft.Playwright;
using ScoutPrime.Tokens.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ScoutPrime.Tokens.BrowserTests;

/// <summary>An administrator changes a user's membership; the user, already signed in elsewhere, sees it on their next page.</summary>
public sealed class AdminFlowTests(Chromium chromium, BrowserApp app) : BrowserTest(chromium, app)
{
    [SkippableFact]
    public Task Adding_and_removing_a_user_reaches_their_next_page_load() => RunTwoAsync(async (admin, user) =>
    {
        var email = await App.CreateUserAsync();
        await user.SignInAsync(email);
        await admin.SignInAsync(BrowserApp.AdminEmail);

        await admin.OpenGroupMembersAsync();
        await admin.SearchUsersAsync(email);
        var row = admin.UserRow(email);
        await Expect(row.GetByText("Not a member")).ToBeVisibleAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Add to group" }).ClickAsync();
        await Expect(admin.GetByText($"{email} added to the API Tokens Group.")).ToBeVisibleAsync();
        await Expect(row.GetByText("Member", new() { Exact = true })).ToBeVisibleAsync();

        await user.ReloadAsync();
        await user.Avatar().ClickAsync();
        await user.GetByRole(AriaRole.Link, new() { Name = "API Tokens" }).ClickAsync();
        await Expect(user.GetByRole(AriaRole.Heading, new() { Name = "API Tokens", Level = 1 })).ToBeVisibleAsync();

        await row.GetByRole(AriaRole.Link, new() { Name = "Remove from group" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = $"Remove {email} from the API Tokens Group?" })).ToBeVisibleAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Yes" }).ClickAsync();
        await Expect(admin.GetByText($"{email} removed from the API Tokens Group.")).ToBeVisibleAsync();
        await Expect(row.GetByText("Not a member")).ToBeVisibleAsync(); // back on the same search

        // Removal ends the user's session: the reload lands on the sign-in page. Signed in again, they are refused.
        await user.ReloadAsync();
        await Expect(user.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        await user.SignInAsync(email);
        var refused = await user.GotoAsync("/tokens");
        Assert.Equal(403, refused!.Status);
        await Expect(user.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();
        await user.Avatar().ClickAsync();
        await Expect(user.GetByRole(AriaRole.Link, new() { Name = "Account" })).ToBeVisibleAsync();
        await Expect(user.GetByRole(AriaRole.Link, new() { Name = "API Tokens" })).ToHaveCountAsync(0);
    });

    [SkippableFact]
    public Task Keyboard_alone_opens_the_list_searches_adds_and_removes() => RunAsync(async page =>
    {
        var email = await App.CreateUserAsync();
        await page.SignInAsync(BrowserApp.AdminEmail);
        await page.TabToAsync(page.Avatar());
        await page.Keyboard.PressAsync("Enter");
        await page.TabToAsync(page.GetByRole(AriaRole.Link, new() { Name = "Group members" }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Group members", Level = 1 })).ToBeVisibleAsync();

        await page.TabToAsync(page.GetByLabel("Search by email or name"));
        await page.Keyboard.TypeAsync(email);
        await page.Keyboard.PressAsync("Enter");
        var row = page.UserRow(email);
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);

        await page.TabToAsync(row.GetByRole(AriaRole.Button, new() { Name = "Add to group" }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByText($"{email} added to the API Tokens Group.")).ToBeFocusedAsync();

        await page.TabToAsync(row.GetByRole(AriaRole.Link, new() { Name = "Remove from group" }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "No", Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Yes" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByText($"{email} removed from the API Tokens Group.")).ToBeFocusedAsync();
        await Expect(row.GetByText("Not a member")).ToBeVisibleAsync();
    });
}
