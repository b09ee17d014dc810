using System.Text.RegularExpressions;
using ScoutPrime.Tokens.BrowserTests.Infrastructure;
using ScoutPrime.Tokens.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace ScoutPrime.Tokens.BrowserTests;

/// <summary>Tokens crossing their expiry as the server's clock moves. This class owns its clock.</summary>
public sealed class ExpiryTests(Chromium chromium, BrowserApp app) : BrowserTest(chromium, app)
{
    [SkippableFact]
    public Task Expired_token_is_greyed_with_its_badge_and_its_pencil_cannot_be_used() => RunAsync(async page =>
    {
        await page.SignInAsync(await App.CreateUserAsync(Roles.ApiTokensGroup));
        await page.OpenApiTokensAsync();
        await page.AddTokenAsync("SIEM export", 90);
        await page.AddTokenAsync("Nightly sync", 8);
        await page.AddTokenAsync("Old CI runner", 1);

        App.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await page.ReloadAsync();

        var expired = page.Row("Old CI runner");
        await Expect(expired).ToHaveClassAsync(new Regex("token-expired"));
        await Expect(expired.Locator("td[data-label=Status]")).ToHaveTextAsync(new Regex("^\\s*Expired\\s*$"));
        await Expect(expired.Locator("td[data-label=Expires] time")).ToHaveTextAsync("expired 1 minute ago");
        var pencil = expired.Button("Edit token 'Old CI runner' (unavailable: Expired tokens can't be edited — delete it and create a new one.)");
        await Expect(pencil).ToBeDisabledAsync();
        await pencil.ClickAsync(new() { Force = true });
        await Expect(page).ToHaveURLAsync(App.Url("/tokens"));
        await page.AssertNoSeriousViolationsAsync(); // greyed and tinted rows keep their contrast

        await Expect(page.Row("Nightly sync").Locator("td[data-label=Status]")).ToHaveTextAsync(new Regex("^\\s*Expires soon\\s*$"));
        await Expect(page.Row("SIEM export").Locator("td[data-label=Status]")).ToHaveTextAsync(new Regex("^\\s*Active\\s*$"));
        await Expect(page.Row("SIEM export").Locator("td[data-label=Created] time")).ToHaveTextAsync("1 day ago");
        await Expect(page.Row("SIEM export").Locator("td[data-label=Created] time")).ToHaveAttributeAsync("title", "2026-11-01 09:00 UTC");

        // The README's picture of the list, taken as a person sees it with one code shown. A day after signing in,
        // Show first asks for the password again, then comes back with Show ready to press.
        await page.Row("SIEM export").Button("Show token 'SIEM export'").ClickAsync();
        await page.ConfirmIdentityAsync();
        await Expect(page.Row("SIEM export").Button("Show token 'SIEM export'")).ToBeFocusedAsync();
        await page.Row("SIEM export").Button("Show token 'SIEM export'").ClickAsync();
        await Expect(page.Row("SIEM export").Code()).ToHaveTextAsync(Steps.TokenCode());
        await page.Mouse.MoveAsync(0, 0);
        Directory.CreateDirectory(ArtifactsDirectory);
        await page.Locator("body").ScreenshotAsync(new() { Path = Path.Combine(ArtifactsDirectory, "token-list.png") });
    });
}
