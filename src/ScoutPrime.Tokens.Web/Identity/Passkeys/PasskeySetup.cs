using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Infrastructure;

namespace ScoutPrime.Tokens.Web.Identity.Passkeys;

public static class PasskeySetup
{
    /// <summary>
    /// Identity's own passkey handler, named after the site: with <c>Site:BaseUrl</c> set, the relying party is its
    /// host and a credential must come from its origin (never from a Host or Origin header a client chose); without
    /// it (development, tests) the request's host, and the browser's Origin header, as Identity does by default.
    /// </summary>
    public static WebApplicationBuilder AddPasskeys(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdentityPasskeyOptions>().Configure<IOptions<SiteOptions>>((o, site) =>
        {
            if (site.Value.BaseUrl is not { } baseUrl)
            {
                return;
            }

            var origin = baseUrl.GetLeftPart(UriPartial.Authority);
            o.ServerDomain = baseUrl.Host;
            o.ValidateOrigin = context => ValueTask.FromResult(
                !context.CrossOrigin && string.Equals(context.Origin, origin, StringComparison.OrdinalIgnoreCase));
        });
        builder.Services.AddScoped<PasskeyCeremonies>();
        builder.Services.AddScoped<AccountPasskeys>();
        builder.Services.AddScoped<PasskeyProof>();
        return builder;
    }
}
