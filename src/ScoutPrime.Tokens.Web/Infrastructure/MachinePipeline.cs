namespace ScoutPrime.Tokens.Web.Infrastructure;

/// <summary>
/// The pipeline of <see cref="MachinePaths"/>: a token check is the hottest path the platform has, and it needs none
/// of what the screens do. After the forwarded headers, HEAD and HTTPS handling it leaves the site's pipeline for
/// routing, authorization and the endpoint alone, with problem details for errors and the same security headers.
/// Not here: the cookie's authentication (and with it <c>CurrentSession</c>'s query and role refresh, which a browser's
/// cookie sent along to the API would otherwise cost), the friendly error pages, the cookie policy. The endpoints' policies name the token scheme, so authorization authenticates with it alone.
/// </summary>
public static class MachinePipeline
{
    public static WebApplication UseMachinePipeline(this WebApplication app)
    {
        IApplicationBuilder site = app;
        IEndpointRouteBuilder endpoints = app;
        // Built with the application's own pipeline, so after every endpoint is mapped. A branch of a WebApplication
        // routes over a route builder of its own, empty: it is given the application's endpoint sources, which its
        // routing reads when the branch is built.
        site.Use(next =>
        {
            var machine = site.New();
            machine.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = DatabaseOutage.StatusCodeFor });
            // A bare status (404, 405) gets its problem document even when the client accepts only HTML.
            machine.UseStatusCodePages(context => Problems.WriteAsync(context.HttpContext, context.HttpContext.Response.StatusCode));
            machine.UseSecurityHeaders();
            machine.UseRouting();
            // For the endpoints that name a limiter policy (leak reports); the others pay only a metadata look-up.
            machine.UseRateLimiter();
            machine.UseAuthorization();
            machine.UseEndpoints(own =>
            {
                foreach (var source in endpoints.DataSources)
                {
                    own.DataSources.Add(source);
                }
            });
            var branch = machine.Build();
            return context => MachinePaths.IsMachineRequest(context) ? branch(context) : next(context);
        });
        return app;
    }
}
