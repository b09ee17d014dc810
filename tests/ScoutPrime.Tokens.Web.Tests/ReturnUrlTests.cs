using System.Net;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>A returnUrl on sign-in, registration and logout is honoured when local, else replaced by the home page; never a 500.</summary>
public sealed class ReturnUrlTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    public sealed record ReturnUrlCase(string ReturnUrl, string ExpectedLocation)
    {
        public override string ToString() => Uri.EscapeDataString(ReturnUrl);
    }

    public enum Flow
    {
        LoginGet,
        LoginPost,
        RegisterGet,
        RegisterPost,
        LogoutPost,
    }

    public static readonly ReturnUrlCase[] Cases =
    [
        new("//evil.example", "/"),
        new("/\\evil", "/"),
        new("https:evil", "/"),
        new("https://evil.example/", "/"),
        new("/tokens\r\nSet-Cookie: x=y", "/"),
        new("/tokens\n", "/"),
        new("/é", "/%C3%A9"),
        new("/tokens?x=1", "/tokens?x=1"),
    ];

    public static TheoryData<Flow, ReturnUrlCase> All()
    {
        var data = new TheoryData<Flow, ReturnUrlCase>();
        foreach (var flow in Enum.GetValues<Flow>())
        {
            foreach (var c in Cases)
            {
                data.Add(flow, c);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task Every_returnUrl_ends_on_a_local_page_never_a_500(Flow flow, ReturnUrlCase c)
    {
        var query = "?returnUrl=" + Uri.EscapeDataString(c.ReturnUrl);
        using var browser = app.CreateBrowser();

        var page = flow switch
        {
            Flow.LoginGet => await browser.GetAsync("/Identity/Account/Login" + query),
            Flow.LoginPost => await SignInAsync(browser, query),
            Flow.RegisterGet => await browser.GetAsync("/Identity/Account/Register" + query),
            Flow.RegisterPost => await RegisterAsync(browser, query),
            Flow.LogoutPost => await LogOutAsync(browser, query),
            _ => throw new ArgumentOutOfRangeException(nameof(flow)),
        };

        if (flow is Flow.LoginGet or Flow.RegisterGet)
        {
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.DoesNotContain("evil", page.Html, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, page.Status);
            Assert.Equal(c.ExpectedLocation, page.Location);
        }
    }

    private async Task<Page> SignInAsync(BrowserClient browser, string query)
    {
        var user = await app.CreateUserAsync($"return-{Guid.NewGuid():N}@example.com");
        var form = await browser.GetAsync("/Identity/Account/Login" + query);
        return await browser.SubmitAsync(form.Form("form#account"), new Dictionary<string, string>
        {
            ["Input.Email"] = user.Email!,
            ["Input.Password"] = TokensAppFactory.Password,
        });
    }

    private static async Task<Page> RegisterAsync(BrowserClient browser, string query)
    {
        var form = await browser.GetAsync("/Identity/Account/Register" + query);
        return await browser.SubmitAsync(form.Form("form#registerForm"), new Dictionary<string, string>
        {
            ["Input.Email"] = $"new-{Guid.NewGuid():N}@example.com",
            ["Input.Password"] = TokensAppFactory.Password,
            ["Input.ConfirmPassword"] = TokensAppFactory.Password,
        });
    }

    private async Task<Page> LogOutAsync(BrowserClient browser, string query)
    {
        var user = await app.CreateUserAsync($"logout-{Guid.NewGuid():N}@example.com");
        await browser.SignInAsync(user.Email!, TokensAppFactory.Password);
        var home = await browser.GetAsync("/");
        return await browser.PostRawAsync("/Identity/Account/Logout" + query, new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = home.Form("form[action*='/Account/Logout']")
                .QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!,
        });
    }
}
