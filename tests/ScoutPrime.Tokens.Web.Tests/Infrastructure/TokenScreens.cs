using System.Net;
using System.Text.Json;
using AngleSharp.Dom;

namespace ScoutPrime.Tokens.Web.Tests.Infrastructure;

/// <summary>The steps a person takes on the API Tokens screens, as reusable test actions.</summary>
public static class TokenScreens
{
    public static async Task<Page> AddTokenAsync(this BrowserClient browser, string description, string timeoutDays)
    {
        var form = await browser.GetAsync("/tokens/new");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        return await browser.SubmitAsync(form.Form(), new Dictionary<string, string>
        {
            ["Description"] = description,
            ["TimeoutDays"] = timeoutDays,
        });
    }

    /// <summary>Adds a token and returns its id, read from the row the list shows for it.</summary>
    public static async Task<Guid> CreateTokenAsync(this BrowserClient browser, string description = "CI export", int timeoutDays = 15)
    {
        var result = await browser.AddTokenAsync(description, timeoutDays.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        var list = await browser.GetAsync("/tokens");
        var row = list.Document.QuerySelectorAll("tbody tr").First(r => r.QuerySelector(".token-description")?.TextContent == description);
        return Guid.Parse(row.Id!["token-".Length..]);
    }

    public static IElement? Row(this Page page, Guid id) => page.Document.GetElementById($"token-{id}");

    /// <summary>Presses Show without JavaScript: the list comes back with that token revealed.</summary>
    public static async Task<Page> ShowAsync(this BrowserClient browser, Guid id)
    {
        var list = await browser.GetAsync("/tokens");
        return await browser.SubmitAsync(list.Form($"#token-{id} form.reveal-form"));
    }

    /// <summary>Presses Show with JavaScript: the code arrives as JSON.</summary>
    public static async Task<string> RevealJsonAsync(this BrowserClient browser, Guid id)
    {
        var list = await browser.GetAsync("/tokens");
        var result = await browser.SubmitAsync(list.Form($"#token-{id} form.reveal-form"), headers: new Dictionary<string, string> { ["Accept"] = "application/json" });
        Assert.Equal(HttpStatusCode.OK, result.Status);
        return JsonDocument.Parse(result.Html).RootElement.GetProperty("code").GetString()!;
    }

    /// <summary>Opens the pencil's form, changes the description and timeout, and saves.</summary>
    public static async Task EditTokenAsync(this BrowserClient browser, Guid id, string description, int timeoutDays)
    {
        var form = await browser.GetAsync($"/tokens/{id}/edit");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var result = await browser.SubmitAsync(form.Form("main form.token-form"), new Dictionary<string, string>
        {
            ["Description"] = description,
            ["TimeoutDays"] = timeoutDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, result.Status);
    }

    /// <summary>Clicks the trash can, then Yes.</summary>
    public static async Task DeleteTokenAsync(this BrowserClient browser, Guid id)
    {
        var confirm = await browser.GetAsync($"/tokens/{id}/delete");
        Assert.Equal(HttpStatusCode.OK, confirm.Status);
        var result = await browser.SubmitAsync(confirm.Form());
        Assert.Equal(HttpStatusCode.Redirect, result.Status);
    }

    /// <summary>Creates a token through the screens and reads its code with Show, as its owner would.</summary>
    public static async Task<(Guid Id, string Code)> CreateTokenWithCodeAsync(this BrowserClient browser, string description = "CI export", int timeoutDays = 15)
    {
        var id = await browser.CreateTokenAsync(description, timeoutDays);
        return (id, await browser.RevealJsonAsync(id));
    }
}
