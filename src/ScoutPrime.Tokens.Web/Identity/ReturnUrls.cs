using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace ScoutPrime.Tokens.Web.Identity;

/// <summary>
/// Where sign-in, registration and logout send the browser afterwards. A local path is honoured (with any
/// non-ASCII character percent-encoded, as a Location header must be); anything else (another host, a
/// backslash or scheme trick, a control character) falls back to the home page, never to an error.
/// </summary>
public static class ReturnUrls
{
    public const string Home = "/";

    public static string Resolve(IUrlHelper url, string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl.Any(char.IsControl) || !url.IsLocalUrl(returnUrl))
        {
            return Home;
        }

        // "~/x" is local too; make it an ordinary path before encoding.
        var path = returnUrl.StartsWith("~/", StringComparison.Ordinal) ? returnUrl[1..] : returnUrl;
        return Ascii.IsValid(path) ? path : EncodeNonAscii(path);
    }

    private static string EncodeNonAscii(string path)
    {
        var encoded = new StringBuilder(path.Length * 2);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in path.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                encoded.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..length])
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}
