using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OtpNet;
using ScoutPrime.Tokens.BrowserTests.Infrastructure;
using ScoutPrime.Tokens.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace ScoutPrime.Tokens.BrowserTests;

/// <summary>Confirm it's you before a stale Show, and authenticator-app two-factor, as a person goes through them.</summary>
public sealed class SecurityFlowTests(Chromium chromium, BrowserApp app) : BrowserTest(chromium, app)
{
    [SkippableFact]
    public Task Stale_Show_asks_for_the_password_then_shows_the_code() => RunAsync(async page =>
    {
        await SignInMemberToTokensAsync(page);
        await page.AddTokenAsync("Stale script", 15);
        App.Time.Advance(TimeSpan.FromMinutes(11));

        await page.Row("Stale script").Button("Show token 'Stale script'").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/Identity/Account/ConfirmIdentity\\?returnUrl="));
        await page.AssertNoSeriousViolationsAsync();
        await page.ConfirmIdentityAsync();

        // Back on the list with Show focused (a GET reveals nothing); one more press shows the code.
        await Expect(page).ToHaveURLAsync(new Regex("/tokens/[0-9a-f-]+/reveal$"));
        await Expect(page.Row("Stale script").Button("Show token 'Stale script'")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Row("Stale script").Code()).ToHaveTextAsync(Steps.TokenCode());
    });

    [SkippableFact]
    public Task Stale_Show_without_javascript_asks_for_the_password_then_shows_the_code() => RunAsync(async page =>
    {
        await SignInMemberToTokensAsync(page);
        await page.AddTokenAsync("Stale no script", 15);
        App.Time.Advance(TimeSpan.FromMinutes(11));

        await page.Row("Stale no script").Button("Show token 'Stale no script'").ClickAsync();
        await page.ConfirmIdentityAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/tokens/[0-9a-f-]+/reveal$"));
        await Expect(page.Row("Stale no script").Code()).ToHaveTextAsync(Steps.Dots());
        await page.Row("Stale no script").Button("Show token 'Stale no script'").ClickAsync();
        await Expect(page.Row("Stale no script").Code()).ToHaveTextAsync(Steps.TokenCode());
        await Expect(page.Row("Stale no script").Link("Hide token 'Stale no script'")).ToBeVisibleAsync();
    }, WithoutJavaScript());

    [SkippableFact]
    public Task Authenticator_app_enrolment_then_sign_in_with_the_code() => RunAsync(async page =>
    {
        var email = await App.CreateUserAsync(Roles.ApiTokensGroup);
        await page.SignInAsync(email);
        await page.GotoAsync("/Identity/Account/Manage/TwoFactorAuthentication");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add authenticator app" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set up an authenticator app" })).ToBeVisibleAsync();
        await Expect(page.Locator("img#qr-code")).ToHaveAttributeAsync("src", new Regex("^data:image/svg\\+xml;base64,"));
        await page.AssertNoSeriousViolationsAsync();
        var key = (await page.Locator("#shared-key").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var app = new Totp(Base32Encoding.ToBytes(key));
        await page.GetByLabel("Verification code").FillAsync(app.ComputeTotp(App.Time.GetUtcNow().UtcDateTime));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();

        await Expect(page.GetByText("Your authenticator app has been verified.")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync(); // the recovery codes

        await page.GotoAsync("/Identity/Account/Manage/Disable2fa");
        await page.AssertNoSeriousViolationsAsync();
        await page.GotoAsync("/Identity/Account/StrongSignInRequired");
        await page.AssertNoSeriousViolationsAsync();

        await page.Context.ClearCookiesAsync();
        App.Time.Advance(TimeSpan.FromSeconds(30)); // the enrolment's code works once: the app shows the next one
        await page.GotoAsync("/Identity/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(BrowserApp.Password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/Identity/Account/LoginWith2fa"));
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Authenticator code").FillAsync(app.ComputeTotp(App.Time.GetUtcNow().UtcDateTime));
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.Avatar()).ToBeVisibleAsync();
        await page.OpenApiTokensAsync();

        // With two-factor on, a stale Show asks for the code too.
        await page.AddTokenAsync("Two-factor", 15);
        App.Time.Advance(TimeSpan.FromMinutes(11));
        await page.Row("Two-factor").Button("Show token 'Two-factor'").ClickAsync();
        await page.GetByLabel("Password").FillAsync(BrowserApp.Password);
        await page.GetByLabel("Code from your authenticator app").FillAsync(app.ComputeTotp(App.Time.GetUtcNow().UtcDateTime));
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(page.Row("Two-factor").Button("Show token 'Two-factor'")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Row("Two-factor").Code()).ToHaveTextAsync(Steps.TokenCode());
    });
}
