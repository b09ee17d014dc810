using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ScoutPrime.Tokens.BrowserTests.Infrastructure;
using ScoutPrime.Tokens.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace ScoutPrime.Tokens.BrowserTests;

/// <summary>
/// Passkeys in Chromium with a virtual WebAuthn authenticator (Chrome DevTools Protocol), as a platform
/// authenticator with a fingerprint reader. On http://localhost: WebAuthn needs a secure context, which loopback
/// is, and a domain for the relying party, which 127.0.0.1 is not. The person turning the prompt down is the
/// authenticator failing user verification, which Chromium answers at once with NotAllowedError; with no
/// authenticator at all, headless Chromium (which has no prompt to cancel) would wait out the request's 5 minutes.
/// </summary>
public sealed class PasskeyTests(Chromium chromium, BrowserApp app) : BrowserTest(chromium, app)
{
    private const string Declined = "The passkey request was cancelled or timed out. Try again when you are ready.";

    // A DevTools call has no timeout of its own: one that never answers must fail the test, not hang the suite.
    private static readonly TimeSpan CdpTimeout = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public Task Member_adds_a_passkey_signs_out_signs_in_with_it_and_proves_with_it_before_Show() => RunAsync(async page =>
    {
        await AddAuthenticatorAsync(page);
        await SignInWithPasswordAsync(page, await App.CreateUserAsync(Roles.ApiTokensGroup));
        await AddPasskeyAsync(page, "This browser", checkAccessibility: true);
        await SignOutAsync(page);

        await page.GotoAsync(Localhost("/Identity/Account/Login?returnUrl=%2Ftokens"));
        await page.ScriptsReadyAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "API Tokens", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Avatar()).ToBeVisibleAsync();
        await page.ScriptsReadyAsync();

        // Past the freshness window, Show asks for a proof; the passkey is one. Back on the list Show is focused (a GET
        // reveals nothing), and one more press shows the code.
        await page.AddTokenAsync("Passkey proof", 15);
        App.Time.Advance(TimeSpan.FromMinutes(11));
        await page.Row("Passkey proof").Button("Show token 'Passkey proof'").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm it's you", Level = 1 })).ToBeVisibleAsync();
        await page.ScriptsReadyAsync();
        await page.AssertNoSeriousViolationsAsync(); // with the passkey button and the password field
        await page.GetByRole(AriaRole.Button, new() { Name = "Use a passkey" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/tokens/[0-9a-f-]+/reveal$"));
        await Expect(page.Row("Passkey proof").Button("Show token 'Passkey proof'")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Row("Passkey proof").Code()).ToHaveTextAsync(Steps.TokenCode());
    });

    [SkippableFact]
    public Task A_declined_passkey_prompt_is_explained_and_the_person_can_try_again_or_use_the_password() => RunAsync(async page =>
    {
        var authenticator = await AddAuthenticatorAsync(page);
        await SignInWithPasswordAsync(page, await App.CreateUserAsync(Roles.ApiTokensGroup));
        await AddPasskeyAsync(page, "Declined later");
        await SignOutAsync(page);

        await page.GotoAsync(Localhost("/Identity/Account/Login?returnUrl=%2Ftokens"));
        await page.ScriptsReadyAsync();
        await authenticator.SetUserVerifiedAsync(false);
        var passkeyButton = page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" });
        await passkeyButton.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = Declined })).ToBeVisibleAsync();
        await Expect(passkeyButton).ToBeEnabledAsync();
        await Expect(page.Avatar()).ToHaveCountAsync(0);
        await page.AssertNoSeriousViolationsAsync(); // the message, in red, on the sign-in page

        await authenticator.SetUserVerifiedAsync(true);
        await passkeyButton.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "API Tokens", Level = 1 })).ToBeVisibleAsync();
        await page.ScriptsReadyAsync();

        await page.AddTokenAsync("Declined proof", 15);
        App.Time.Advance(TimeSpan.FromMinutes(11));
        await page.Row("Declined proof").Button("Show token 'Declined proof'").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm it's you", Level = 1 })).ToBeVisibleAsync();
        await page.ScriptsReadyAsync();
        await authenticator.SetUserVerifiedAsync(false);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use a passkey" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = Declined })).ToBeVisibleAsync();
        await Expect(page.Row("Declined proof")).ToHaveCountAsync(0);

        await page.ConfirmIdentityAsync();
        await Expect(page.Row("Declined proof").Button("Show token 'Declined proof'")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Row("Declined proof").Code()).ToHaveTextAsync(Steps.TokenCode());
    });

    [SkippableFact]
    public Task A_browser_without_passkeys_says_so_and_leaves_the_password_form_working() => RunAsync(async page =>
    {
        await page.AddInitScriptAsync("delete window.PublicKeyCredential;");
        await page.GotoAsync(Localhost("/Identity/Account/Login"));
        await page.ScriptsReadyAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("This browser does not support passkeys. Sign in with your email and password.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Localhost("/Identity/Account/Login"));
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByLabel("Email").FillAsync(BrowserApp.AdminEmail);
        await page.GetByLabel("Password").FillAsync(BrowserApp.Password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.Avatar()).ToBeVisibleAsync();
    });

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

    /// <summary>Account → Passkeys: a name, Add a passkey, and the browser's (virtual) prompt.</summary>
    private async Task AddPasskeyAsync(IPage page, string name, bool checkAccessibility = false)
    {
        await page.GotoAsync(Localhost("/Identity/Account/Manage/Passkeys"));
        await Expect(page.GetByText("You have no passkeys yet.")).ToBeVisibleAsync();
        await page.ScriptsReadyAsync();
        if (checkAccessibility)
        {
            await page.AssertNoSeriousViolationsAsync();
        }

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Expect(page.GetByText($"Passkey '{name}' added.")).ToBeVisibleAsync();
        await Expect(page.Locator(".passkey-name")).ToHaveTextAsync(name);
        await page.ScriptsReadyAsync();
        if (checkAccessibility)
        {
            await page.AssertNoSeriousViolationsAsync(); // the list with its rename and remove forms
        }
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.Avatar().ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(page.Avatar()).ToHaveCountAsync(0);
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
        /// <summary>False: the fingerprint does not match, or the person turns the prompt down.</summary>
        public async Task SetUserVerifiedAsync(bool verified) => await Session.SendAsync("WebAuthn.setUserVerified", new Dictionary<string, object>
        {
            ["authenticatorId"] = Id,
            ["isUserVerified"] = verified,
        }).WaitAsync(CdpTimeout);
    }
}
