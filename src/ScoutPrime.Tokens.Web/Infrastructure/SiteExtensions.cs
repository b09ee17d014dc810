using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.Mvc;
using ScoutPrime.Tokens.Web.Api;

namespace ScoutPrime.Tokens.Web.Infrastructure;

public static class SiteExtensions
{
    public static WebApplicationBuilder AddSite(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddControllersWithViews(o =>
        {
            // Every unsafe request needs the antiforgery token, whether or not an action remembers to ask.
            o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
            o.ModelBindingMessageProvider.SetAttemptedValueIsInvalidAccessor((value, field) => $"'{value}' is not a valid {field}.");
            o.ModelBindingMessageProvider.SetValueMustBeANumberAccessor(field => $"{field} must be a whole number.");
        });
        builder.Services.AddRazorPages();
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "ScoutPrime.Antiforgery");
        // One rule for every cookie the site sets: invisible to script, Lax or stricter, Secure over HTTPS.
        builder.Services.Configure<CookiePolicyOptions>(o =>
        {
            o.HttpOnly = HttpOnlyPolicy.Always;
            o.MinimumSameSitePolicy = SameSiteMode.Lax;
            o.Secure = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddProblemDetails();
        return builder;
    }

    public static WebApplication UseSite(this WebApplication app)
    {
        // Never a stack trace, in any environment: the API answers problem details, the screens the friendly page.
        app.UseWhen(ApiExtensions.IsApiRequest, api => api
            .UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = DatabaseOutage.StatusCodeFor })
            .UseStatusCodePages());
        app.UseWhen(context => !ApiExtensions.IsApiRequest(context), site => site
            .UseExceptionHandler("/error")
            .UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseSecurityHeaders();
        app.UseCookiePolicy();
        app.MapStaticAssets();
        app.UseRouting();
        // Before authorization, so a caller that failed too often is turned away before its token is even read.
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapControllers();
        app.MapRazorPages();
        return app;
    }
}
