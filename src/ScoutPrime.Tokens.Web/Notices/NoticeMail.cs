using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Infrastructure;

namespace ScoutPrime.Tokens.Web.Notices;

/// <summary>A notice's words, as plain text and as HTML. Never holds a token code: nothing here is given one.</summary>
public sealed record MailContent(string Subject, string Text, string Html);

/// <summary>Writes every notice the same way: product name, what happened, an absolute link to act on it.</summary>
public sealed class NoticeMail(IOptions<SiteOptions> site)
{
    public const string Product = "scoutPRIME API Tokens";

    /// <summary>Where links point without <c>Site:BaseUrl</c> (only outside Production): the README's run address.</summary>
    public static readonly Uri DevelopmentBaseUrl = new("http://localhost:5080/");

    public Uri Link(string path) => new(site.Value.BaseUrl ?? DevelopmentBaseUrl, path);

    public static string Utc(DateTimeOffset at) =>
        at.UtcDateTime.ToString("dddd d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public MailContent Expiry(Guid tokenId, string description, DateTimeOffset expiresAt, int days)
    {
        var when = Utc(expiresAt);
        if (days == 0)
        {
            var list = Link("/tokens");
            return Compose(
                $"Your API token \"{description}\" has expired",
                [$"Your API token \"{description}\" expired on {when}. Calls made with it are now refused.",
                 "An expired token cannot be extended: it must be recreated. Create a new token and put its code where the old one was used."],
                ("Create a new token", list));
        }

        var edit = Link($"/tokens/{tokenId}/edit");
        var left = days == 1 ? "1 day" : $"{days} days";
        return Compose(
            $"Your API token \"{description}\" expires in {left}",
            [$"Your API token \"{description}\" expires on {when} (in {left}).",
             "To keep it working, open it and save a new Timeout before then. Once expired, it must be recreated."],
            ("Extend the token", edit));
    }

    public MailContent Security(string subject, string text) =>
        Compose(subject, [text, "If you did not expect this, tell your administrator."], ("Review your tokens", Link("/tokens")));

    public MailContent Digest(IReadOnlyList<SecurityNotice> notices) =>
        Compose(
            $"{notices.Count} security notices about your API tokens",
            [$"There were too many notices to send one by one; here they are together:",
             .. notices.Select(n => $"{Utc(n.At)}: {n.Text}"),
             "If you did not expect these, tell your administrator."],
            ("Review your tokens", Link("/tokens")));

    private static MailContent Compose(string subject, IReadOnlyList<string> paragraphs, (string Label, Uri Url) action)
    {
        var text = $"{Product}\n\n{string.Join("\n\n", paragraphs)}\n\n{action.Label}: {action.Url}\n";
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(subject)}</title></head>
            <body>
            <h1>{Product}</h1>
            {string.Concat(paragraphs.Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>\n"))}<p><a href="{WebUtility.HtmlEncode(action.Url.AbsoluteUri)}">{WebUtility.HtmlEncode(action.Label)}</a></p>
            </body></html>
            """;
        return new MailContent($"{Product}: {subject}", text, html);
    }
}
