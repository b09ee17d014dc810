using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace ScoutPrime.Tokens.Web.Tests.Infrastructure;

/// <summary>What wwwroot/js/passkeys.js does, through HTTP: options fetched with the form's antiforgery field, the
/// authenticator's answer posted back in the form's "credential" field, with the browser's Origin header.</summary>
public static class PasskeyScreens
{
    public const string PasskeysPage = "/Identity/Account/Manage/Passkeys";
    public const string Login = "/Identity/Account/Login";

    public static readonly Dictionary<string, string> FromOrigin = new() { ["Origin"] = SoftPasskey.Origin };

    /// <summary>The options JSON for the form's ceremony (its data-passkey-options address).</summary>
    public static async Task<string> OptionsAsync(this BrowserClient browser, IHtmlFormElement form)
    {
        var token = form.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;
        using var response = await browser.Http.PostAsync(
            new Uri(form.GetAttribute("data-passkey-options")!, UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Passkey options answered {response.StatusCode}.");
        }

        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Adds <paramref name="key"/> as a passkey named <paramref name="name"/>; returns the page the post answered.</summary>
    public static async Task<Page> AddPasskeyAsync(this BrowserClient browser, SoftPasskey key, string name = "Laptop")
    {
        var form = (await browser.GetAsync(PasskeysPage)).Form("form#add-passkey");
        var credential = key.Create(await browser.OptionsAsync(form));
        return await browser.SubmitAsync(form, new Dictionary<string, string> { ["Name"] = name, ["credential"] = credential }, FromOrigin);
    }

    /// <summary>"Sign in with a passkey", answered by <paramref name="answer"/> (by default, <paramref name="key"/>'s signature).</summary>
    public static async Task<Page> SignInWithPasskeyAsync(this BrowserClient browser, SoftPasskey key, Func<string, string>? answer = null)
    {
        var form = (await browser.GetAsync(Login)).Form("form#passkey-sign-in");
        var options = await browser.OptionsAsync(form);
        return await browser.SubmitAsync(form, new Dictionary<string, string> { ["credential"] = (answer ?? (o => key.Get(o)))(options) }, FromOrigin);
    }
}
