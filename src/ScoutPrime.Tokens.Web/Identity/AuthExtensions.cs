using Microsoft.AspNetCore.Identity;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.Identity;

public sealed class IdentitySiteOptions
{
    public const string Section = "Identity";

    /// <summary>Whether anyone may create an account on the Register page. New accounts start outside every group.</summary>
    public bool AllowRegistration { get; set; } = true;
}

public static class AuthExtensions
{
    public const string LoginPath = "/Identity/Account/Login";
    private const string RegisterPath = "/Identity/Account/Register";

    public static WebApplicationBuilder AddTokensAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddDefaultIdentity<AppUser>(o =>
            {
                o.SignIn.RequireConfirmedAccount = false;
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<TokensDbContext>()
            .AddUserManager<AppUserManager>();

        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "ScoutPrime.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = LoginPath;
            // A signed-in user outside the group gets a 403 page at the URL they asked for, not a redirect.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            // Identity's security-stamp check first (it may reject the cookie), then the roles of this request.
            var validateSecurityStamp = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async context =>
            {
                await validateSecurityStamp(context);
                await CurrentRoles.ValidateAsync(context);
            };
        });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.ManageTokens, p => p.RequireAuthenticatedUser().RequireRole(Roles.ApiTokensGroup))
            .AddPolicy(Policies.Administer, p => p.RequireAuthenticatedUser().RequireRole(Roles.Administrators));

        builder.Services.AddOptions<IdentitySiteOptions>().BindConfiguration(IdentitySiteOptions.Section);
        builder.Services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<AdminSeeder>();
        return builder;
    }

    /// <summary>Closes the Register page when <see cref="IdentitySiteOptions.AllowRegistration"/> is off.</summary>
    public static IApplicationBuilder UseRegistrationGate(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var allow = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentitySiteOptions>>().Value.AllowRegistration;
            if (!allow && context.Request.Path.StartsWithSegments(RegisterPath, StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context);
        });
}
