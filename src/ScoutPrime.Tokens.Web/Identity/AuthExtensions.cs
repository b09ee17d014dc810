using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity.Passkeys;

namespace ScoutPrime.Tokens.Web.Identity;

public static class AuthExtensions
{
    public const string LoginPath = "/Identity/Account/Login";

    public static WebApplicationBuilder AddTokensAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddDefaultIdentity<AppUser>(o =>
            {
                o.SignIn.RequireConfirmedAccount = false;
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Stores.SchemaVersion = IdentitySchema.Version;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<TokensDbContext>()
            .AddUserManager<AppUserManager>()
            .AddSignInManager<Security.AppSignInManager>()
            .AddTokenProvider<Security.OneUseAuthenticatorTokenProvider>(Security.OneUseAuthenticatorTokenProvider.Name);
        builder.Services.AddOptions<IdentityOptions>().Configure<IOptions<IdentitySiteOptions>>((o, site) =>
        {
            o.Lockout.AllowedForNewUsers = true;
            o.Lockout.MaxFailedAccessAttempts = site.Value.Lockout.MaxFailedAttempts;
            o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(site.Value.Lockout.Minutes);
        });

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
            // Identity's own (30-minute) security-stamp check first, then this request's session and roles.
            var validateSecurityStamp = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async context =>
            {
                await validateSecurityStamp(context);
                if (context.Principal is not null)
                {
                    await CurrentSession.ValidateAsync(context);
                }
            };
            o.Events.OnSigningIn = context =>
            {
                UserSessions.Assign(context.Properties);
                return Task.CompletedTask;
            };
            o.Events.OnSigningOut = context =>
                context.HttpContext.RequestServices.GetRequiredService<UserSessions>().EndCurrentAsync(context.HttpContext);
        });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.ManageTokens, p => p.RequireAuthenticatedUser().RequireRole(Roles.ApiTokensGroup))
            .AddPolicy(Policies.Administer, p => p.RequireAuthenticatedUser().RequireRole(Roles.Administrators));

        builder.Services.AddOptions<IdentitySiteOptions>().BindConfiguration(IdentitySiteOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.Lockout.MaxFailedAttempts is >= 1 and <= 1_000, "Identity:Lockout:MaxFailedAttempts must be from 1 to 1000.")
            .Validate(o => o.Lockout.Minutes is >= 1 and <= 7 * 24 * 60, "Identity:Lockout:Minutes must be from 1 to 10080.")
            .ValidateOnStart();
        builder.Services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<AdminSeeder>();
        builder.Services.AddScoped<UserSessions>();
        builder.AddPasskeys();
        builder.Services.AddRateLimiter(o => o.AddPolicy<string, SignInRateLimit>(SignInRateLimit.Policy));
        builder.Services.AddOptions<RazorPagesOptions>().Configure<IHostEnvironment>(IdentityPageGates.Add);
        return builder;
    }
}
