using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace ScoutPrime.Tokens.Web.Tests.Infrastructure;

/// <summary>A page as the browser received it: the response and its parsed document.</summary>
public sealed record Page(HttpResponseMessage Response, IDocument Document, string Html)
{
    public HttpStatusCode Status => Response.StatusCode;

    public string? Location => Response.Headers.Location?.OriginalString;

    public string Text => Document.Body?.TextContent ?? string.Empty;

    public IHtmlFormElement Form(string selector = "main form") =>
        Document.QuerySelector<IHtmlFormElement>(selector) ?? throw new InvalidOperationException($"No form matches '{selector}'.");
}

/// <summary>
/// Drives the application as a browser does: cookies kept, redirects visible, forms posted with the
/// hidden fields (the antiforgery token among them) of the page they came from.
/// </summary>
public sealed class BrowserClient(HttpClient http) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    // Where each document came from: a form without an action posts back to its own page.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IDocument, Uri> Origins = [];

    public HttpClient Http => http;

    public async Task<Page> GetAsync(string url) => await ReadAsync(await http.GetAsync(new Uri(url, UriKind.Relative)));

    /// <summary>Fetches <paramref name="url"/>, then follows one redirect as a browser would.</summary>
    public async Task<Page> GetFollowingAsync(string url)
    {
        var page = await GetAsync(url);
        return page.Location is { } next ? await GetAsync(next) : page;
    }

    /// <summary>Submits a form of the page with its own fields, overridden by <paramref name="values"/>.</summary>
    public async Task<Page> SubmitAsync(IHtmlFormElement form, IDictionary<string, string>? values = null, IDictionary<string, string>? headers = null)
    {
        var fields = new Dictionary<string, string>();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>().Where(i => i.Name is { Length: > 0 } && i.Type != "submit"))
        {
            fields[input.Name!] = input.Value;
        }

        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            fields[name] = value;
        }

        var action = form.GetAttribute("action") is { Length: > 0 } a
            ? new Uri(a, UriKind.Relative)
            : Origins.TryGetValue(form.Owner!, out var origin) ? origin : throw new InvalidOperationException("The form's page is unknown.");
        using var request = new HttpRequestMessage(HttpMethod.Post, action)
        {
            Content = new FormUrlEncodedContent(fields),
        };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await ReadAsync(await http.SendAsync(request));
    }

    /// <summary>Posts fields to a URL with no form and no antiforgery token, as a forged request would.</summary>
    public async Task<Page> PostRawAsync(string url, IDictionary<string, string>? fields = null) =>
        await ReadAsync(await http.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(fields ?? new Dictionary<string, string>())));

    public async Task SignInAsync(string email, string password)
    {
        var login = await GetAsync("/Identity/Account/Login");
        var result = await SubmitAsync(login.Form("form#account"), new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        if (result.Status != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed: {result.Status} {result.Text.Trim()[..Math.Min(300, result.Text.Trim().Length)]}");
        }
    }

    public void Dispose() => http.Dispose();

    private static async Task<Page> ReadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var document = await Parser.ParseDocumentAsync(html);
        if (response.RequestMessage?.RequestUri is { } url)
        {
            Origins.AddOrUpdate(document, url);
        }

        return new Page(response, document, html);
    }
}
