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
}
