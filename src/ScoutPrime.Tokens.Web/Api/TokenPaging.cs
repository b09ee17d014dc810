using System.Globalization;

namespace ScoutPrime.Tokens.Web.Api;

/// <summary>The <c>page</c> and <c>pageSize</c> of <c>GET /api/v1/tokens</c>, and its RFC 8288 Link header.</summary>
public static class TokenPaging
{
    /// <summary>The same as the default <c>Tokens:MaxPerUser</c>: at the default cap, one page holds every token.</summary>
    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 100;

    /// <summary>Decimal digits only, from 1 to <paramref name="max"/>; absent means <paramref name="fallback"/>.</summary>
    public static int Parse(string? value, int fallback, int max, string name, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return fallback;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= max)
        {
            return number;
        }

        errors[name] = [max == int.MaxValue ? $"{name} must be a whole number from 1." : $"{name} must be a whole number from 1 to {max}."];
        return fallback;
    }

    /// <summary>
    /// Links built from the request's path and the two numbers alone, never from the query string as sent, so
    /// nothing else a client put in the URL is echoed back.
    /// </summary>
    public static string Links(PathString path, int page, int pageSize, int total)
    {
        var last = Math.Max(1, (int)(((long)total + pageSize - 1) / pageSize));
        var links = new List<string> { Link(path, 1, pageSize, "first") };
        if (page > 1)
        {
            links.Add(Link(path, Math.Min(page - 1, last), pageSize, "prev"));
        }

        if (page < last)
        {
            links.Add(Link(path, page + 1, pageSize, "next"));
        }

        links.Add(Link(path, last, pageSize, "last"));
        return string.Join(", ", links);
    }

    private static string Link(PathString path, int page, int pageSize, string rel) =>
        string.Create(CultureInfo.InvariantCulture, $"<{path.ToUriComponent()}?page={page}&pageSize={pageSize}>; rel=\"{rel}\"");
}
