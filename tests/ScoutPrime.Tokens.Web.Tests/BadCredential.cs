using System.Net.Http.Headers;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>A way of presenting a credential, given a real, valid code to spoil, and the reason the server logs.</summary>
public sealed record BadCredential(string Name, string LoggedReason, Action<HttpRequestHeaders, string> Present, bool CodeInQuery = false)
    : ITheoryCases<BadCredential>
{
    public static IReadOnlyList<BadCredential> All { get; } =
    [
        new("missing header", "NoAuthorizationHeader", (_, _) => { }),
        // HTTP clients and servers drop an empty header.
        new("empty value", "NoAuthorizationHeader", (headers, _) => Authorization(headers, string.Empty)),
        new("bare Bearer", "NotBearer", (headers, _) => Authorization(headers, "Bearer")),
        // Trailing whitespace is not part of a header value.
        new("Bearer with nothing after it", "NotBearer", (headers, _) => Authorization(headers, "Bearer ")),
        new("Basic scheme", "NotBearer", (headers, code) => Authorization(headers, "Basic " + Convert.ToBase64String("user:"u8.ToArray()) + code)),
        new("wrong prefix", "WrongPrefix", (headers, code) => Authorization(headers, "Bearer scq_" + code[4..])),
        new("bad checksum", "BadChecksum", (headers, code) => Authorization(headers, "Bearer " + code[..^1] + (code[^1] == 'a' ? 'b' : 'a'))),
        new("too short", "WrongLength", (headers, code) => Authorization(headers, "Bearer " + code[..^1])),
        new("too long", "WrongLength", (headers, code) => Authorization(headers, "Bearer " + code + "a")),
        new("non-ASCII character", "NotBase62", (headers, code) => Authorization(headers, "Bearer " + code[..10] + "é" + code[11..])),
        new("10 KB header", "WrongLength", (headers, code) => Authorization(headers, "Bearer " + code + new string('a', 10 * 1024))),
        new("two Authorization headers", "SeveralAuthorizationHeaders", (headers, code) => headers.TryAddWithoutValidation("Authorization", ["Bearer " + code, "Bearer " + code])),
        new("unknown token", "UnknownOrDeleted", (headers, _) => Authorization(headers, "Bearer " + TokenCode.Generate())),
        new("code in the query string", "NoAuthorizationHeader", (_, _) => { }, CodeInQuery: true),
        new("code in a cookie", "NoAuthorizationHeader", (headers, code) => headers.TryAddWithoutValidation("Cookie", $"access_token={code}; token={code}")),
    ];

    public string Url(string code) => CodeInQuery ? $"{ApiRequests.Me}?access_token={code}" : ApiRequests.Me;

    public override string ToString() => Name;

    private static void Authorization(HttpRequestHeaders headers, string value) => headers.TryAddWithoutValidation("Authorization", value);
}
