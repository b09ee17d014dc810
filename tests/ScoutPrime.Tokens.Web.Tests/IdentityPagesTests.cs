using System.Net;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Identity UI's sign-in and register pages, in the product's own words and layout.</summary>
public sealed class IdentityPagesTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    private const string Login = "/Identity/Account/Login";
    private const string Register = "/Identity/Account/Register";

    /// <summary>Every page an anonymous visitor can reach that could offer to register.</summary>
    private static readonly string[] AnonymousPages =
    [
        "/", Login, "/Identity/Account/ForgotPassword", "/Identity/Account/ResendEmailConfirmation",
        "/Identity/Account/Lockout", "/Identity/Account/AccessDenied",
    ];

    [Fact]
    public async Task Login_page_says_Sign_in_and_offers_no_external_providers()
    {
        using var browser = app.CreateBrowser();

        var page = await browser.GetAsync(Login);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Sign in · scoutPRIME", page.Document.Title);
        Assert.Equal("Sign in", page.Document.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Equal("Sign in", page.Form("form#account").QuerySelector("button[type=submit]")!.TextContent.Trim());
        Assert.Null(page.Document.QuerySelector("#external-account"));
        Assert.DoesNotContain("another service", page.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("external authentication", page.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(page.Document.QuerySelectorAll("a[href^='http']"));
        Assert.NotNull(page.Document.QuerySelector("header details.avatar-menu, header a[href='/Identity/Account/Login']"));
    }

    [Fact]
    public async Task Register_page_says_Create_an_account_and_offers_no_external_providers()
    {
        using var browser = app.CreateBrowser();

        var page = await browser.GetAsync(Register);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Create an account", page.Document.QuerySelector("main h1")!.TextContent.Trim());
        Assert.NotNull(page.Form("form#registerForm").QuerySelector("input[name='Input.ConfirmPassword']"));
        Assert.Null(page.Document.QuerySelector("#external-account"));
        Assert.DoesNotContain("another service", page.Text, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(page.Document.QuerySelector($"main a[href^='{Login}']"));
    }

    [Fact]
    public async Task While_registration_is_open_the_header_and_the_login_page_link_to_Register()
    {
        using var browser = app.CreateBrowser();

        Assert.NotEmpty(RegisterLinks(await browser.GetAsync("/")));
        var login = await browser.GetAsync(Login);
        Assert.Equal(2, RegisterLinks(login).Count); // the header's button and the page's own link
    }

    [Fact]
    public async Task With_registration_closed_no_page_links_to_Register()
    {
        using var closed = TokensAppFactory.Dedicated().With("Identity:AllowRegistration", "false");
        using var browser = closed.CreateBrowser();

        foreach (var url in AnonymousPages)
        {
            var page = await browser.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.True(RegisterLinks(page).Count == 0, $"{url} links to Register.");
        }

        var signedIn = await browser.SubmitAsync((await browser.GetAsync(Login)).Form("form#account"), new Dictionary<string, string>
        {
            ["Input.Email"] = TokensAppFactory.AdminEmail,
            ["Input.Password"] = TokensAppFactory.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
    }

    private static List<string> RegisterLinks(Page page) =>
        page.Document.QuerySelectorAll("a[href]")
            .Select(a => a.GetAttribute("href")!)
            .Where(href => href.Contains("/Account/Register", StringComparison.OrdinalIgnoreCase))
            .ToList();
}
