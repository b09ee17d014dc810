using System.Net;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace ScoutPrime.Tokens.Web.Introspection;

/// <summary>
/// A resource server's <c>Authorization: Basic</c> credentials (RFC 7662 §2.1, RFC 7617). Per RFC 6749 §2.3.1 the
/// client id and secret are form-url-encoded before they are joined by a colon and base64-encoded, so each half is
/// decoded after the split. Anything else (no header, two headers, another scheme, bad base64 or UTF-8, no colon, an
/// empty half, an oversized header) is no credentials at all.
/// </summary>
public sealed record ClientCredentials(string ClientId, string Secret)
{
    /// <summary>Far above a real pair (about 100 characters encoded), so a 10 KB header is never decoded.</summary>
    public const int MaxHeaderLength = 1024;

    private const string BasicPrefix = "Basic ";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static ClientCredentials? Parse(StringValues authorization)
    {
        if (authorization is not [{ } header]
            || header.Length > MaxHeaderLength
            || !header.StartsWith(BasicPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var encoded = header.AsSpan(BasicPrefix.Length).Trim();
        Span<byte> bytes = stackalloc byte[encoded.Length];
        if (!Convert.TryFromBase64Chars(encoded, bytes, out var length))
        {
            return null;
        }

        string pair;
        try
        {
            pair = StrictUtf8.GetString(bytes[..length]);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var clientId = WebUtility.UrlDecode(pair[..colon]);
        var secret = WebUtility.UrlDecode(pair[(colon + 1)..]);
        return clientId.Length == 0 || secret.Length == 0 ? null : new ClientCredentials(clientId, secret);
    }
}
