using Microsoft.Playwright;
using ScoutPrime.Tokens.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ScoutPrime.Tokens.BrowserTests;

/// <summary>
/// Passkeys in Chromium with a virtual WebAuthn authenticator (Chrome DevTools Protocol), as a platform
/// authenticator with a fingerprint reader. On http://localhost: WebAuthn needs a secure context, which loopback
/// is, and a domain for the relying party, which 127.0.0.1 is not.
/// </summary>
public sealed class PasskeyTests(Chromium chromium, BrowserApp app) : BrowserTest(chromium, app)
{
    // A DevTools call has no timeout of its own: one that never answers must fail the test, not hang the suite.
    private static readonly TimeSpan CdpTimeout = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public Task Without_JavaScript_the_passkey_button_explains_itself() => RunAsync(async page =>
    {
        await page.GotoAsync(Localhost("/Identity/Account/Login"));
        await Expect(page.GetByText("Passkeys need JavaScript; password sign-in works without it.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await Expect(page.GetByText("Passkeys need JavaScript and a browser that supports them.")).ToBeVisibleAsync();
    }, WithoutJavaScript());

    private string Localhost(string path) => new UriBuilder(App.BaseAddress) { Host = "localhost" }.Uri + path.TrimStart('/');

    private async Task SignInWithPasswordAsync(IPage page, string email)
    {
        await page.GotoAsync(Localhost("/Identity/Account/Login"));
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(BrowserApp.Password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.Avatar()).ToBeVisibleAsync();
    }

    private static async Task<VirtualAuthenticator> AddAuthenticatorAsync(IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable").WaitAsync(CdpTimeout);
        var added = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        }).WaitAsync(CdpTimeout);
        return new VirtualAuthenticator(cdp, added!.Value.GetProperty("authenticatorId").GetString()!);
    }

    private sealed record VirtualAuthenticator(ICDPSession Session, string Id)
    {
        public Task<System.Text.Json.JsonElement?> SendAsync(string method, Dictionary<string, object> args) => Session.SendAsync(method, args).WaitAsync(CdpTimeout);
    }
}
