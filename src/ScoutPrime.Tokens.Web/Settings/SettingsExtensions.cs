namespace ScoutPrime.Tokens.Web.Settings;

public static class SettingsExtensions
{
    public static WebApplicationBuilder AddTokenPolicies(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TokenPolicyStore>();
        builder.Services.AddHostedService(s => s.GetRequiredService<TokenPolicyStore>());
        builder.Services.AddScoped<TokenPolicyService>();
        builder.Services.AddSingleton<IdleRevocation>();
        builder.Services.AddHostedService(s => s.GetRequiredService<IdleRevocation>());
        return builder;
    }
}
