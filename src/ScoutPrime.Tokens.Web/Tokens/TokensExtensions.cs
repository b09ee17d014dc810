using ScoutPrime.Tokens.Web.TokenState;

namespace ScoutPrime.Tokens.Web.Tokens;

public static class TokensExtensions
{
    public static WebApplicationBuilder AddTokens(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TokenOptions>()
            .BindConfiguration(TokenOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.DefaultTimeoutDays <= o.MaxTimeoutDays, "Tokens:DefaultTimeoutDays must not exceed Tokens:MaxTimeoutDays.")
            .ValidateOnStart();
        builder.Services.AddScoped<TokenService>();
        builder.Services.AddScoped<Lifecycle.TokenRotation>();
        builder.Services.AddScoped<Lifecycle.TokenSuspension>();
        builder.Services.AddScoped<Lifecycle.TokenHistory>();
        builder.Services.AddScoped<Usage.TokenAddresses>();
        builder.Services.AddSingleton<TokenViewModelFactory>();
        builder.Services.AddSingleton<TokenStateChanges>();
        return builder;
    }
}
