namespace ScoutPrime.Tokens.Web.Infrastructure;

/// <summary>
/// HEAD is answered as GET without the body (RFC 9110, 9.3.2), in one place for every page, probe and API endpoint:
/// routes are declared for GET only, which alone would answer HEAD with 405.
/// </summary>
public static class HeadRequests
{
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await next(context);
                return;
            }

            context.Request.Method = HttpMethods.Get;
            var body = context.Response.Body;
            context.Response.Body = Stream.Null;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = body;
                context.Request.Method = HttpMethods.Head;
            }
        });
}
