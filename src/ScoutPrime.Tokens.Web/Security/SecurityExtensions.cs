using Microsoft.AspNetCore.Identity;

namespace ScoutPrime.Tokens.Web.Security;

public static class SecurityExtensions
{
    /// <summary>Fresh proof before a reveal, one-use authenticator codes, and the strong sign-in policy.</summary>
    public static WebApplicationBuilder AddTokensSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section)
            .ValidateDataAnnotations()
            .PostConfigure<IHostEnvironment>((o, environment) => o.RequireStrongSignInForTokens ??= environment.IsProduction())
            .ValidateOnStart();
        builder.Services.AddSingleton<RecentProof>();
        builder.Services.AddScoped<SecurityAudit>();
        builder.Services.AddScoped<StrongSignIn>();
        builder.Services.AddScoped(s => (AppSignInManager)s.GetRequiredService<SignInManager<Data.AppUser>>());
        builder.Services.Configure<IdentityOptions>(o => o.Tokens.AuthenticatorTokenProvider = OneUseAuthenticatorTokenProvider.Name);
        // Identity's periodic security-stamp check rebuilds the principal: a rebuild is not a proof, so the time is kept.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = context =>
        {
            if (context.CurrentPrincipal is { } current && context.NewPrincipal is { } fresh)
            {
                RecentProof.CarryOver(current, fresh);
            }

            return Task.CompletedTask;
        });
        return builder;
    }
}
