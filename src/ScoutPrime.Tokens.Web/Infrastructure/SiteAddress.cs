using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace ScoutPrime.Tokens.Web.Infrastructure;

/// <summary>
/// With <see cref="SiteOptions.BaseUrl"/> set, the site names itself by that address and never by the Host header a
/// client chose: every absolute URL built from the request (the HTTPS redirect, the sign-in redirect) uses it.
/// </summary>
public static class SiteAddress
{
    public static IApplicationBuilder UseSiteAddress(this IApplicationBuilder app)
    {
        var baseUrl = app.ApplicationServices.GetRequiredService<IOptions<SiteOptions>>().Value.BaseUrl;
        if (baseUrl is null)
        {
            return app;
        }

        var host = HostString.FromUriComponent(baseUrl);
        return app.Use((context, next) =>
        {
            context.Request.Host = host;
            return next(context);
        });
    }
}

/// <summary>The OpenAPI document's <c>servers</c> entry is the configured address, not the requester's Host header.</summary>
internal sealed class SiteServerTransformer(IOptions<SiteOptions> options) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        if (options.Value.BaseUrl is { } baseUrl)
        {
            document.Servers = [new OpenApiServer { Url = baseUrl.GetLeftPart(UriPartial.Authority) }];
        }

        return Task.CompletedTask;
    }
}
