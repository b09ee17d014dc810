namespace ScoutPrime.Tokens.Web.Infrastructure;

/// <summary>
/// Where machine clients call: the API, the gateways' forward-auth check and token introspection. They take the
/// pipeline of their own (<see cref="MachinePipeline"/>) and their errors are problem details, never the screens'
/// friendly pages. Kept here, not in the features' folders, because the pipeline is decided before any feature is mapped.
/// </summary>
public static class MachinePaths
{
    public const string Api = "/api";
    public const string ForwardAuth = "/auth/verify";
    public const string Introspection = "/connect/introspect";

    public static bool IsMachineRequest(HttpContext context)
    {
        var path = context.Request.Path;
        return path.StartsWithSegments(Api, StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments(ForwardAuth, StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments(Introspection, StringComparison.OrdinalIgnoreCase);
    }
}
