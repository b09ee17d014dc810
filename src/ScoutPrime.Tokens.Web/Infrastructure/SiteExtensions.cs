using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;

namespace ScoutPrime.Tokens.Web.Infrastructure;

public static class SiteExtensions
{
    public static WebApplicationBuilder AddSite(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SiteOptions>, ValidateSiteOptions>();
        builder.Services.ConfigureAll<OpenApiOptions>(o => o.AddDocumentTransformer<SiteServerTransformer>());
        // Nothing for a scanner to match against a list of known server flaws.
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        builder.Services.AddControllersWithViews(o =>
        {
            // Every unsafe request needs the antiforgery token, whether or not an action remembers to ask.
            o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
            o.ModelBindingMessageProvider.SetAttemptedValueIsInvalidAccessor((value, field) => $"'{value}' is not a valid {field}.");
            o.ModelBindingMessageProvider.SetValueMustBeANumberAccessor(field => $"{field} must be a whole number.");
        });
        builder.Services.AddRazorPages();
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "ScoutPrime.Antiforgery");
        // One rule for every cookie the site sets: invisible to script, Lax or stricter, Secure over HTTPS, and in
        // Production Secure always, even when this instance is reached over HTTP (see the start-up warning).
        var production = builder.Environment.IsProduction();
        builder.Services.Configure<CookiePolicyOptions>(o =>
        {
            o.HttpOnly = HttpOnlyPolicy.Always;
            o.MinimumSameSitePolicy = SameSiteMode.Lax;
            o.Secure = production ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddProblemDetails();
        return builder;
    }

    public static WebApplication UseSite(this WebApplication app)
    {
        // Never a stack trace, in any environment: the screens answer the friendly page (machine clients never come
        // this far: MachinePipeline answers them problem details).
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseSecurityHeaders();
        app.UseCookiePolicy();
        app.MapStaticAssets();
        app.UseRouting();
        // The sign-in page's per-address limit (Identity/SignInRateLimit); the API's failures have their own gate.
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapControllers();
        app.MapRazorPages();
        return app;
    }
}
