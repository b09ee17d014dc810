using System.Text.Json;
using StackExchange.Redis;
using ScoutPrime.Tokens.Web.TokenState;
using ScoutPrime.Tokens.Web.Validation;
using Microsoft.Extensions.Options;

namespace ScoutPrime.Tokens.Web.Revocation;

/// <summary>
/// Publishes every committed <see cref="TokenStateChange"/> on the Redis channel, and evicts the owner named by every
/// message another instance published: a revocation reaches the other instances in milliseconds instead of at their
/// next feed poll. The feed stays the source of truth: a message lost (Redis down, an instance reconnecting) is still
/// read from the feed within about a second, so an outage only logs a warning, at most one a minute.
/// A message evicts nothing but cache entries, so a stranger publishing on the channel costs lookups, never access.
/// </summary>
public sealed partial class RedisRevocations(
    IConnectionMultiplexer redis,
    IOptions<RedisRevocationOptions> options,
    TokenValidationCache cache,
    TimeProvider time,
    ILogger<RedisRevocations> logger) : IHostedService, ITokenStateSubscriber
{
    private static readonly TimeSpan WarnEvery = TimeSpan.FromMinutes(1);

    private readonly RedisChannel _channel = RedisChannel.Literal(options.Value.Channel);
    private readonly Lock _warning = new();
    private DateTimeOffset _nextWarning = DateTimeOffset.MinValue;
    private int _unwarned;
    private long _received;

    /// <summary>This process's id in the messages, so that it ignores its own (its cache already evicted the change).</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    /// <summary>Messages from other instances acted on; for the tests and for a look in a debugger.</summary>
    public long Received => Interlocked.Read(ref _received);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed += (_, e) => Warn(e.Exception);
        await SubscribeAsync();
    }

    // The container disposes of the connection, and with it the subscription.
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void OnCommitted(TokenStateChange change)
    {
        if (!RevocationReasons.Revokes(change))
        {
            return;
        }

        var (_, tokenId) = RevocationReasons.Of(change);
        var message = JsonSerializer.Serialize(new RevocationMessage(change.OwnerId, tokenId, InstanceId));
        // Off the request: the commit has happened, and the feed carries the change whatever becomes of this message.
        _ = PublishAsync(message);
    }

    private async Task PublishAsync(string message)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(_channel, message);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            Warn(e);
        }
    }

    private async Task SubscribeAsync()
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(_channel, (_, value) => OnMessage(value));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Redis is away: the client keeps the subscription and makes it when it connects (a test proves it).
            Warn(e);
        }
    }

    private void OnMessage(RedisValue value)
    {
        RevocationMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<RevocationMessage>(value.ToString());
        }
        catch (JsonException)
        {
            message = null;
        }

        if (message is { OwnerId.Length: > 0 } && message.From != InstanceId)
        {
            cache.EvictOwner(message.OwnerId);
            Interlocked.Increment(ref _received);
        }
    }

    private void Warn(Exception? exception)
    {
        var now = time.GetUtcNow();
        int unwarned;
        lock (_warning)
        {
            if (now < _nextWarning)
            {
                _unwarned++;
                return;
            }

            _nextWarning = now + WarnEvery;
            (unwarned, _unwarned) = (_unwarned, 0);
        }

        LogUnavailable(logger, unwarned, exception);
    }

    /// <summary>What goes over the channel: whose tokens to forget, the one token when there was one, and who sent it.</summary>
    public sealed record RevocationMessage(string OwnerId, Guid? TokenId, Guid From);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unavailable ({Unwarned} more failures since the last warning): revocations reach the other instances through the feed, within about a second")]
    private static partial void LogUnavailable(ILogger logger, int unwarned, Exception? exception);
}
