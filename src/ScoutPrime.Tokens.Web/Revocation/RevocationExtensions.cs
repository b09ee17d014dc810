using ScoutPrime.Tokens.Web.TokenState;

namespace ScoutPrime.Tokens.Web.Revocation;

public static class RevocationExtensions
{
    /// <summary>The revocation feed: every committed token-state change written (recorder) and read by every instance (poller).</summary>
    public static WebApplicationBuilder AddRevocationFeed(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RevocationRecorder>();
        builder.Services.AddSingleton<ITokenStateSubscriber>(services => services.GetRequiredService<RevocationRecorder>());
        builder.Services.AddHostedService(services => services.GetRequiredService<RevocationRecorder>());
        builder.Services.AddSingleton<RevocationFeedPoller>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RevocationFeedPoller>());
        return builder;
    }
}
