using System.Net;
using System.Text.Json;

namespace ScoutPrime.Tokens.Web.Tests.Infrastructure;

/// <summary>The "Confirm it's you" steps, as a person takes them.</summary>
public static class SecurityScreens
{
    public const string ProofPage = "/Identity/Account/ConfirmIdentity";

    /// <summary>Opens the proof page (as a stale Show sends the browser there) and submits it.</summary>
    public static async Task<Page> ConfirmIdentityAsync(this BrowserClient browser, string password, string? code = null, string returnUrl = "/tokens")
    {
        var page = await browser.GetAsync($"{ProofPage}?returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var values = new Dictionary<string, string> { ["Input.Password"] = password };
        if (code is not null)
        {
            values["Input.Code"] = code;
        }

        return await browser.SubmitAsync(page.Form("form#confirm-identity"), values);
    }

    /// <summary>Presses Show with JavaScript and returns the raw answer, whatever it is.</summary>
    public static async Task<Page> RevealJsonRawAsync(this BrowserClient browser, Guid id)
    {
        var list = await browser.GetAsync("/tokens");
        return await browser.SubmitAsync(list.Form($"#token-{id} form.reveal-form"), headers: new Dictionary<string, string> { ["Accept"] = "application/json" });
    }

    public static JsonElement Json(this Page page) => JsonDocument.Parse(page.Html).RootElement;
}
