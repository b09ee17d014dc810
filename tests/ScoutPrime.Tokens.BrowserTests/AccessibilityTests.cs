using Microsoft.Playwright;
using ScoutPrime.Tokens.BrowserTests.Infrastructure;
using ScoutPrime.Tokens.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace ScoutPrime.Tokens.BrowserTests;

/// <summary>
/// axe-core on every token screen and on Identity's pages: no serious or critical violation.
/// The administrators' screens have theirs in <see cref="AdminAccessibilityTests"/>.
/// </summary>
public sealed class AccessibilityTests(Chromium chromium, BrowserApp app) : BrowserTest(chromium, app)
{
    [SkippableFact]
    public Task Sign_in_and_register_pages_have_no_serious_violations() => RunAsync(async page =>
    {
        await page.GotoAsync("/Identity/Account/Login");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.GetByText("The Email field is required.")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create an account", Level = 1 })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.GetByText("The Password field is required.")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
    });

    [SkippableFact]
    public Task Token_screens_have_no_serious_violations() => RunAsync(async page =>
    {
        await page.SignInAsync(await App.CreateUserAsync(Roles.ApiTokensGroup));
        await page.OpenApiTokensAsync();
        await page.AssertNoSeriousViolationsAsync(); // the empty list

        await page.GetByRole(AriaRole.Link, new() { Name = "Add Token" }).ClickAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(page.GetByText("Enter a description.")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync(); // with validation errors

        await page.GetByLabel("Description").FillAsync("Audited");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        var row = page.Row("Audited");
        await Expect(row).ToBeVisibleAsync();
        await page.ScriptsReadyAsync();
        await row.Button("Show token 'Audited'").ClickAsync();
        await Expect(row.Code()).ToHaveTextAsync(Steps.TokenCode());
        await page.AssertNoSeriousViolationsAsync(); // the list, new row highlighted, code shown

        await row.Link("Delete token 'Audited'").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync(); // the delete dialog
        await Expect(page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "No", Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync();

        await row.Link("Edit token 'Audited'").ClickAsync();
        await page.AssertNoSeriousViolationsAsync();

        await page.GotoAsync(page.Url.Replace("/edit", "/delete", StringComparison.Ordinal));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Delete token 'Audited'?" })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync(); // the confirmation page (the no-JavaScript path)
    });

    [SkippableFact]
    public Task Refusal_page_for_a_user_outside_the_group_has_no_serious_violations() => RunAsync(async page =>
    {
        await page.SignInAsync(await App.CreateUserAsync());
        await page.GotoAsync("/tokens");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
    });
}
