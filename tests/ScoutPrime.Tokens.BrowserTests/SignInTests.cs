using Microsoft.Playwright;
using ScoutPrime.Tokens.BrowserTests.Infrastructure;
using ScoutPrime.Tokens.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace ScoutPrime.Tokens.BrowserTests;

public sealed class SignInTests(Chromium chromium, BrowserApp app) : BrowserTest(chromium, app)
{
    [SkippableFact]
    public Task Member_signs_in_and_opens_API_Tokens_from_the_avatar_menu() => RunAsync(async page =>
    {
        var email = await App.CreateUserAsync(Roles.ApiTokensGroup);

        await page.SignInAsync(email);
        await page.OpenApiTokensAsync();

        await Expect(page).ToHaveTitleAsync("API Tokens · scoutPRIME");
        await Expect(page.GetByText("You have no API tokens yet")).ToBeVisibleAsync();
    });

    [SkippableFact]
    public Task User_outside_the_group_has_no_API_Tokens_item_and_is_refused_by_URL() => RunAsync(async page =>
    {
        await page.SignInAsync(await App.CreateUserAsync());

        await page.Avatar().ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Account" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "API Tokens" })).ToHaveCountAsync(0);

        var response = await page.GotoAsync("/tokens");

        Assert.Equal(403, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();
        await Expect(page.GetByText("You need to be in the API Tokens Group")).ToBeVisibleAsync();
    });

    [SkippableFact]
    public Task Keyboard_alone_reaches_the_menu_and_adds_a_token() => RunAsync(async page =>
    {
        await page.SignInAsync(await App.CreateUserAsync(Roles.ApiTokensGroup));
        await page.GotoAsync("/");
        var menuItem = page.GetByRole(AriaRole.Link, new() { Name = "API Tokens" });

        await page.TabToAsync(page.Avatar());
        await page.Keyboard.PressAsync("Enter");
        await Expect(menuItem).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(menuItem).ToBeHiddenAsync();
        await Expect(page.Avatar()).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Enter");
        await page.TabToAsync(menuItem);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "API Tokens", Level = 1 })).ToBeVisibleAsync();

        await page.TabToAsync(page.GetByRole(AriaRole.Link, new() { Name = "Add Token" }));
        await page.Keyboard.PressAsync("Enter");
        await page.TabToAsync(page.GetByLabel("Description"));
        await page.Keyboard.TypeAsync("Typed only");
        await page.TabToAsync(page.GetByLabel("Timeout (days)"));
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("20");
        await page.Keyboard.PressAsync("Enter");

        var row = page.Row("Typed only");
        await Expect(row.Button("Show token 'Typed only'")).ToBeFocusedAsync();
        await page.ScriptsReadyAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(row.Code()).ToHaveTextAsync(Steps.TokenCode());
        await Expect(row.Button("Hide token 'Typed only'")).ToBeFocusedAsync();

        await page.TabToAsync(row.Link("Delete token 'Typed only'"));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "No", Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync();
        await Expect(row.Link("Delete token 'Typed only'")).ToBeFocusedAsync();
    });

    [SkippableFact]
    public Task Sign_out_everywhere_from_the_account_settings_ends_the_session() => RunAsync(async page =>
    {
        await page.SignInAsync(await App.CreateUserAsync(Roles.ApiTokensGroup));
        await page.Avatar().ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Account" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Sessions" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sessions" })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" }).ClickAsync();

        await Expect(page.GetByText("You are signed out.")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GotoAsync("/tokens");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
    });
}
