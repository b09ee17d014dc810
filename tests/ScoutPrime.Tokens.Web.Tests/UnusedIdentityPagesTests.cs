using System.Net;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Identity pages reached without what they need answer 404 (they threw before); the confirmation link stays private.</summary>
public sealed class UnusedIdentityPagesTests
{
    [Theory]
    [InlineData("/Identity/Account/ConfirmEmail")]
    [InlineData("/Identity/Account/ConfirmEmailChange")]
    [InlineData("/Identity/Account/RegisterConfirmation")]
    [InlineData("/Identity/Account/LoginWith2fa")]
    [InlineData("/Identity/Account/LoginWithRecoveryCode")]
    public async Task Anonymous_GET_without_what_the_page_needs_is_404_in_the_sites_layout(string url)
    {
        using var app = TokensAppFactory.Dedicated();
        using var browser = app.CreateBrowser();

        var page = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.NotNull(page.Document.QuerySelector("header nav a.navbar-brand"));
    }

    [Theory]
    [InlineData("/Identity/Account/Manage/GenerateRecoveryCodes")]
    [InlineData("/Identity/Account/Manage/Disable2fa")]
    public async Task Two_factor_pages_of_a_user_without_two_factor_are_404(string url)
    {
        using var app = TokensAppFactory.Dedicated();
        var (member, _) = await app.SignInMemberAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync(url)).Status);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/Identity/Account/Manage/TwoFactorAuthentication")).Status);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/Identity/Account/Manage/EnableAuthenticator")).Status);
    }

    [Fact]
    public async Task A_confirmation_link_that_is_not_one_is_a_clear_4xx()
    {
        using var app = TokensAppFactory.Dedicated();
        using var browser = app.CreateBrowser();

        var page = await browser.GetAsync("/Identity/Account/ConfirmEmail?userId=someone&code=not*base64");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
    }

    [Theory]
    [InlineData("Testing")]
    [InlineData("Production")]
    public async Task RegisterConfirmation_never_shows_an_accounts_confirmation_link_outside_Development(string environment)
    {
        using var app = TokensAppFactory.Dedicated().InEnvironment(environment).With("Site:BaseUrl", "https://tokens.example.com");
        var victim = await app.CreateUserAsync($"victim-{Guid.NewGuid():N}@example.com");
        using var browser = app.CreateBrowser();
        browser.Http.BaseAddress = new Uri("https://localhost");

        var page = await browser.GetAsync("/Identity/Account/RegisterConfirmation?email=" + Uri.EscapeDataString(victim.Email!));

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.DoesNotContain("ConfirmEmail", page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("code=", page.Html, StringComparison.OrdinalIgnoreCase);
    }
}
