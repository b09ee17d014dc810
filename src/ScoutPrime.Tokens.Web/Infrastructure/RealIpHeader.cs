using Microsoft.AspNetCore.HttpOverrides;

namespace ScoutPrime.Tokens.Web.Infrastructure;

/// <summary>
/// nginx's other way of naming the client, <c>X-Real-IP</c>, read as a one-address <c>X-Forwarded-For</c> when that is
/// absent. It only moves the header: the forwarded-headers middleware after it still believes it from a proxy in
/// <c>ForwardedHeaders:KnownProxies</c> alone, so anyone else sending it changes nothing.
/// </summary>
public static class RealIpHeader
{
    public const string Name = "X-Real-IP";

    public static IApplicationBuilder UseRealIpAsForwardedFor(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Request.Headers;
            if (headers.TryGetValue(Name, out var realIp) && !headers.ContainsKey(ForwardedHeadersDefaults.XForwardedForHeaderName))
            {
                headers[ForwardedHeadersDefaults.XForwardedForHeaderName] = realIp;
            }

            return next(context);
        });
}
