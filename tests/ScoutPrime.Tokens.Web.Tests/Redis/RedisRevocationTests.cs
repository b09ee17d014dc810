using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ScoutPrime.Tokens.Web.Revocation;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using StackExchange.Redis;

namespace ScoutPrime.Tokens.Web.Tests.Redis;

/// <summary>Revocations over Redis (<c>Redis:Configuration</c>): at once on every other instance, and harmless when Redis is away.</summary>
public sealed class RedisRevocationTests
{
    private const string LongCache = "3600";

    [SkippableFact]
    public async Task A_token_deleted_on_one_instance_is_refused_on_the_other_at_once_without_its_feed_poll()
    {
        RedisServer.Require();
        await using var redis = await RedisServer.StartAsync();
        using var a = TokensAppFactory.Dedicated().With("Tokens:ValidationCacheSeconds", LongCache).With(RedisRevocationOptions.ConfigurationKey, redis.Configuration);
        using var b = TokensAppFactory.OnDatabase(a.DatabasePath).With("Tokens:ValidationCacheSeconds", LongCache).With(RedisRevocationOptions.ConfigurationKey, redis.Configuration);
        var (owner, _) = await a.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync("cached on B");
        using var onB = b.CreateApiClient();
        await onB.CallUntilCachedAsync(code);
        // B's poller took its start-up read and waits for its fake clock, which this test never moves: only Redis can tell B.
        var poller = b.Services.GetRequiredService<RevocationFeedPoller>();
        var polled = poller.Last;

        await owner.DeleteTokenAsync(id);
        var since = Stopwatch.StartNew();
        var status = HttpStatusCode.OK;
        while (since.Elapsed < TimeSpan.FromMilliseconds(500) && status == HttpStatusCode.OK)
        {
            using var response = await onB.GetWithTokenAsync(ApiRequests.Me, code);
            status = response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(polled, poller.Last);
        Assert.True(b.Services.GetRequiredService<RedisRevocations>().Received >= 1);
        // A ignored its own message: its cache was evicted by the change itself.
        Assert.Equal(0, a.Services.GetRequiredService<RedisRevocations>().Received);
    }

    [SkippableFact]
    public async Task A_message_of_another_instance_evicts_its_owner_and_the_instance_ignores_its_own()
    {
        RedisServer.Require();
        await using var redis = await RedisServer.StartAsync();
        using var app = TokensAppFactory.Dedicated().With("Tokens:ValidationCacheSeconds", LongCache).With(RedisRevocationOptions.ConfigurationKey, redis.Configuration);
        var (owner, user) = await app.SignInMemberAsync();
        var (_, code) = await owner.CreateTokenWithCodeAsync("cached");
        using var api = app.CreateApiClient();
        await api.CallUntilCachedAsync(code);
        var revocations = app.Services.GetRequiredService<RedisRevocations>();
        await using var publisher = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var channel = RedisChannel.Literal(new RedisRevocationOptions().Channel);

        // Its own id: ignored. Garbage: ignored. Then another instance's message.
        await publisher.GetSubscriber().PublishAsync(channel, System.Text.Json.JsonSerializer.Serialize(new RedisRevocations.RevocationMessage(user.Id, null, revocations.InstanceId)));
        await publisher.GetSubscriber().PublishAsync(channel, "not json");
        await publisher.GetSubscriber().PublishAsync(channel, System.Text.Json.JsonSerializer.Serialize(new RedisRevocations.RevocationMessage(user.Id, null, Guid.NewGuid())));

        for (var wait = 0; revocations.Received == 0 && wait < 100; wait++)
        {
            await Task.Delay(20);
        }

        Assert.Equal(1, revocations.Received);
    }

    [Fact]
    public async Task With_Redis_configured_but_not_running_the_application_starts_and_tokens_work()
    {
        using var app = TokensAppFactory.Dedicated().With(RedisRevocationOptions.ConfigurationKey, $"127.0.0.1:{Nginx.Nginx.FreePort()}");
        var (owner, _) = await app.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync("no Redis");
        using var api = app.CreateApiClient();
        await api.CallUntilCachedAsync(code);

        await owner.DeleteTokenAsync(id);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
        Assert.Contains(app.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Redis is unavailable", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Redis_started_after_the_application_carries_revocations_once_connected()
    {
        RedisServer.Require();
        var port = Nginx.Nginx.FreePort();
        using var a = TokensAppFactory.Dedicated().With("Tokens:ValidationCacheSeconds", LongCache).With(RedisRevocationOptions.ConfigurationKey, $"127.0.0.1:{port}");
        using var b = TokensAppFactory.OnDatabase(a.DatabasePath).With("Tokens:ValidationCacheSeconds", LongCache).With(RedisRevocationOptions.ConfigurationKey, $"127.0.0.1:{port}");
        var (owner, _) = await a.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync("cached on B");
        using var onB = b.CreateApiClient();
        await onB.CallUntilCachedAsync(code);
        await using var redis = await RedisServer.StartAsync(port);
        var connected = Stopwatch.StartNew();
        while (!(a.Services.GetRequiredService<IConnectionMultiplexer>().IsConnected && b.Services.GetRequiredService<IConnectionMultiplexer>().IsConnected)
            && connected.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        // Subscribed again by then: wait for the subscription itself rather than guess, by a message of a stranger.
        var revocations = b.Services.GetRequiredService<RedisRevocations>();
        await using var publisher = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var probe = System.Text.Json.JsonSerializer.Serialize(new RedisRevocations.RevocationMessage("nobody", null, Guid.NewGuid()));
        while (revocations.Received == 0 && connected.Elapsed < TimeSpan.FromSeconds(30))
        {
            await publisher.GetSubscriber().PublishAsync(RedisChannel.Literal(new RedisRevocationOptions().Channel), probe);
            await Task.Delay(100);
        }

        Assert.True(revocations.Received > 0, "B never received a message after Redis started.");
        var before = revocations.Received;
        await owner.DeleteTokenAsync(id);
        for (var wait = 0; revocations.Received == before && wait < 50; wait++)
        {
            await Task.Delay(20);
        }

        // Exactly one more: the subscription restored once, not twice.
        await Task.Delay(200);
        Assert.Equal(before + 1, revocations.Received);
        Assert.Equal(HttpStatusCode.Unauthorized, (await onB.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
    }

    [Fact]
    public void Without_Redis_configuration_nothing_is_registered()
    {
        using var app = TokensAppFactory.Dedicated();
        Assert.Null(app.Services.GetService<RedisRevocations>());
        Assert.Null(app.Services.GetService<IConnectionMultiplexer>());
    }
}
