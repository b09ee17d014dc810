using Microsoft.Extensions.Options;
using StackExchange.Redis;
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
        if (builder.Configuration[RedisRevocationOptions.ConfigurationKey] is { Length: > 0 })
        {
            builder.AddRedisRevocations();
        }

        return builder;
    }

    /// <summary>Revocations also over Redis (<see cref="RedisRevocations"/>): faster than the feed, never instead of it.</summary>
    private static void AddRedisRevocations(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RedisRevocationOptions>().BindConfiguration(RedisRevocationOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IConnectionMultiplexer>(services =>
        {
            var configuration = ConfigurationOptions.Parse(services.GetRequiredService<IOptions<RedisRevocationOptions>>().Value.Configuration!);
            // Redis down at start-up is an outage like any other: the application starts and the feed carries revocations.
            configuration.AbortOnConnectFail = false;
            // A message queued through an outage would arrive after the feed delivered it: fail at once, warn, move on.
            configuration.BacklogPolicy = BacklogPolicy.FailFast;
            return ConnectionMultiplexer.Connect(configuration);
        });
        builder.Services.AddSingleton<RedisRevocations>();
        builder.Services.AddSingleton<ITokenStateSubscriber>(services => services.GetRequiredService<RedisRevocations>());
        builder.Services.AddHostedService(services => services.GetRequiredService<RedisRevocations>());
    }
}
