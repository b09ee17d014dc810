using System.Globalization;
using System.Text;
using ScoutPrime.Tokens.Web.Api;
using ScoutPrime.Tokens.Web.Infrastructure;
using ScoutPrime.Tokens.Web.Validation;

namespace ScoutPrime.Tokens.Web.ForwardAuth;

/// <summary>
/// <c>/auth/verify</c>: the check a gateway (nginx <c>auth_request</c>, Traefik <c>forwardAuth</c>, Envoy <c>ext_authz</c>)
/// makes before it lets a call through to another service. It is the API's own token check (<see cref="BearerCheck"/>:
/// the same validation cache, failure gate and last-used stamp, and the same 401, 403 and 429), asked directly rather
/// than through authentication and authorization, since it builds no principal: the hottest path the platform has.
/// Only the success differs from the API: an empty 200 whose headers say who called, for the gateway to pass on.
/// </summary>
public static class ForwardAuthEndpoint
{
    public const string Path = MachinePaths.ForwardAuth;

    public const string UserIdHeader = "X-ScoutPrime-User-Id";
    public const string UserEmailHeader = "X-ScoutPrime-User-Email";
    public const string TokenIdHeader = "X-ScoutPrime-Token-Id";
    public const string TokenExpiresHeader = "X-ScoutPrime-Token-Expires";

    /// <summary>
    /// Every method: a gateway forwards the original one (Envoy) or its own (nginx, Traefik). And every path under it:
    /// Envoy's <c>ext_authz</c> appends the original path to the one it is given.
    /// </summary>
    public static WebApplication MapForwardAuth(this WebApplication app)
    {
        var check = app.Services.GetRequiredService<BearerCheck>();
        foreach (var pattern in new[] { Path, Path + "/{**originalPath}" })
        {
            app.Map(pattern, context => VerifyAsync(context, check)).ExcludeFromDescription();
        }

        return app;
    }

    private static async Task VerifyAsync(HttpContext context, BearerCheck check)
    {
        var verdict = await check.JudgeAsync(context);
        if (verdict.Token is not { } token)
        {
            await check.RefuseAsync(context, verdict);
            return;
        }

        if (!verdict.OwnerMayCall)
        {
            await BearerCheck.ForbidAsync(context);
            return;
        }

        var headers = context.Response.Headers;
        headers[UserIdHeader] = token.OwnerId;
        if (token.Email is { } email)
        {
            headers[UserEmailHeader] = HeaderValue(email);
        }

        headers[TokenIdHeader] = token.TokenId.ToString();
        headers[TokenExpiresHeader] = Rfc3339(token.ExpiresAt);
        // The identity depends on the Authorization header: no cache between the gateway and here may reuse it.
        headers.CacheControl = "no-store";
        context.Response.ContentLength = 0;
    }

    /// <summary>UTC, whole seconds: a token stops working at its expiry second (<see cref="ValidatedToken.IsExpired"/>).</summary>
    public static string Rfc3339(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A header carries visible ASCII only, and an address may hold more (an internationalised mailbox, a quoted space):
    /// any other byte of its UTF-8, and <c>%</c> itself, is percent-encoded, so any URL decoder gives back the address exactly.
    /// An ordinary address passes unchanged.
    /// </summary>
    public static string HeaderValue(string value)
    {
        // A span search, not LINQ over the string: this runs on every check a gateway makes.
        if (!value.AsSpan().ContainsAnyExceptInRange('!', '~') && !value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var text = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is > (byte)' ' and <= (byte)'~' and not (byte)'%')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
