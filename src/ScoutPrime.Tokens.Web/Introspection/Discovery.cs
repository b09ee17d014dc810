using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Infrastructure;

namespace ScoutPrime.Tokens.Web.Introspection;

/// <summary>RFC 8414 authorization server metadata: what a standard OAuth client reads to find the introspection endpoint.</summary>
public static class Discovery
{
    public const string Path = "/.well-known/oauth-authorization-server";

    private static readonly string[] AuthMethods = ["client_secret_basic"];

    /// <summary><c>Site:BaseUrl</c> when set (never the Host header then), else the address the request came to.</summary>
    public static string IssuerOf(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<SiteOptions>>().Value.BaseUrl is { } baseUrl
            ? baseUrl.GetLeftPart(UriPartial.Authority)
            : $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";

    public static IResult Metadata(HttpContext context)
    {
        var issuer = IssuerOf(context);
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer,
            ["introspection_endpoint"] = issuer + IntrospectionEndpoints.Path,
            ["introspection_endpoint_auth_methods_supported"] = AuthMethods,
            // Tokens are made by people on the API Tokens screens, not by an OAuth flow: no grant or response type.
            ["grant_types_supported"] = Array.Empty<string>(),
            ["response_types_supported"] = Array.Empty<string>(),
            ["service_documentation"] = issuer + "/",
        });
    }
}
