using System.Net;
using OtpNet;

namespace ScoutPrime.Tokens.Web.Tests.Infrastructure;

/// <summary>An authenticator app, and the two-factor steps a person takes with it.</summary>
public static class TwoFactorScreens
{
    /// <summary>The code an authenticator app shows at the application's (fake) time for the key the page showed.</summary>
    public static string CodeAt(string sharedKey, DateTimeOffset at) =>
        new Totp(Base32Encoding.ToBytes(sharedKey.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant())).ComputeTotp(at.UtcDateTime);

    /// <summary>Reads the key from Set up an authenticator app, enters the app's code, and returns the key and the recovery codes shown.</summary>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnableAuthenticatorAsync(this BrowserClient browser, TokensAppFactory app)
    {
        var page = await browser.GetAsync("/Identity/Account/Manage/EnableAuthenticator");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var key = page.Document.QuerySelector("#shared-key")!.TextContent.Trim();
        var verified = await browser.SubmitAsync(page.Form("form#send-code"), new Dictionary<string, string> { ["Input.Code"] = CodeAt(key, app.Time.GetUtcNow()) });
        Assert.Equal((HttpStatusCode.Redirect, "/Identity/Account/Manage/ShowRecoveryCodes"), (verified.Status, verified.Location));
        var codes = await browser.GetAsync(verified.Location!);
        Assert.Equal(HttpStatusCode.OK, codes.Status);
        return (key, codes.Document.QuerySelectorAll(".recovery-code").Select(c => c.TextContent.Trim()).ToList());
    }

    /// <summary>Signs in with the password; answers the page that asks for the code (Identity's LoginWith2fa).</summary>
    public static async Task<Page> SignInWithPasswordAsync(this BrowserClient browser, string email, string password)
    {
        var login = await browser.GetAsync("/Identity/Account/Login");
        return await browser.SubmitAsync(login.Form("form#account"), new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
    }

    public static async Task<Page> EnterTwoFactorCodeAsync(this BrowserClient browser, string codeUrl, string code)
    {
        var page = await browser.GetAsync(codeUrl);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return await browser.SubmitAsync(page.Form("main form"), new Dictionary<string, string> { ["Input.TwoFactorCode"] = code });
    }
}
