namespace ScoutPrime.Tokens.Web.Infrastructure;

/// <summary>
/// Where machine clients call: their errors are problem details, never the screens' friendly pages. Kept here, not
/// in the API's folder, because the site's error handling is decided before any feature is mapped.
/// </summary>
public static class MachinePaths
{
    public const string Api = "/api";

    /// <summary>RFC 7662 introspection, called by resource servers.</summary>
    public const string Connect = "/connect";

    public static bool IsMachineRequest(HttpContext context) =>
        context.Request.Path.StartsWithSegments(Api, StringComparison.OrdinalIgnoreCase)
        || context.Request.Path.StartsWithSegments(Connect, StringComparison.OrdinalIgnoreCase);
}
