using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Infrastructure;

namespace ScoutPrime.Tokens.Web.Identity.Passkeys;

public static class PasskeySetup
{
    /// <summary>
    /// Identity's own passkey handler, named after the site: with <c>Site:BaseUrl</c> set, the relying party is its
    /// host and a credential must come from its origin (never from a Host or Origin header a client chose); without
    /// it (development, tests) the request's host, and the origin the request came to.
    /// </summary>
    /// <remarks>
    /// Not Identity's default origin check, which compares with the request's Origin header: under this site's
    /// <c>Referrer-Policy: no-referrer</c> a browser sends <c>Origin: null</c> with a form post, so every passkey
    /// from a real browser would be refused (seen in Chromium; the HTTP tests set the header by hand).
    /// </remarks>
    public static WebApplicationBuilder AddPasskeys(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdentityPasskeyOptions>().Configure<IOptions<SiteOptions>>((o, site) =>
        {
            var baseUrl = site.Value.BaseUrl;
            var siteOrigin = baseUrl?.GetLeftPart(UriPartial.Authority);
            o.ServerDomain = baseUrl?.Host;
            o.ValidateOrigin = context => ValueTask.FromResult(!context.CrossOrigin && string.Equals(
                context.Origin, siteOrigin ?? RequestOrigin(context.HttpContext.Request), StringComparison.OrdinalIgnoreCase));
        });
        builder.Services.AddScoped<PasskeyCeremonies>();
        builder.Services.AddScoped<AccountPasskeys>();
        builder.Services.AddScoped<PasskeyProof>();
        return builder;
    }

    private static string RequestOrigin(HttpRequest request) => $"{request.Scheme}://{request.Host.Value}";
}
