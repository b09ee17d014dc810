using System.Threading.Channels;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.TokenState;

namespace ScoutPrime.Tokens.Web.Revocation;

/// <summary>
/// Writes every committed <see cref="TokenStateChange"/> into the feed, at once and off the request: the change's own
/// instance already evicted it (<c>TokenValidationCache</c>), the others learn it from the row.
/// Written after the change's commit, not in its transaction, so that no feature has to know about the feed. The price
/// is a crash window: a process killed between the commit and this write (milliseconds) leaves the other instances
/// trusting their cached entry until it runs out (<c>Tokens:ValidationCacheSeconds</c>), as before the feed.
/// A database that refuses the write is retried every second for <see cref="RetryFor"/>; the same bound applies.
/// </summary>
public sealed partial class RevocationRecorder(IServiceScopeFactory scopes, TimeProvider time, ILogger<RevocationRecorder> logger)
    : BackgroundService, ITokenStateSubscriber
{
    public static readonly TimeSpan RetryFor = TimeSpan.FromMinutes(1);

    private readonly Channel<RevocationFeedEntry> _queue =
        Channel.CreateUnbounded<RevocationFeedEntry>(new UnboundedChannelOptions { SingleReader = true });

    public void OnCommitted(TokenStateChange change)
    {
        if (!RevocationReasons.Revokes(change))
        {
            return;
        }

        var (reason, tokenId) = RevocationReasons.Of(change);
        _queue.Writer.TryWrite(new RevocationFeedEntry { OwnerId = change.OwnerId, TokenId = tokenId, Reason = reason, At = time.GetUtcNow() });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await WriteAsync(Drain(), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is written below, once.
        }

        _queue.Writer.TryComplete();
        var rest = Drain();
        if (rest.Count > 0)
        {
            await TryWriteAsync(rest, CancellationToken.None);
        }
    }

    private List<RevocationFeedEntry> Drain()
    {
        var entries = new List<RevocationFeedEntry>();
        while (_queue.Reader.TryRead(out var entry))
        {
            entries.Add(entry);
        }

        return entries;
    }

    private async Task WriteAsync(List<RevocationFeedEntry> entries, CancellationToken ct)
    {
        var giveUpAt = Environment.TickCount64 + (long)RetryFor.TotalMilliseconds;
        while (!await TryWriteAsync(entries, ct))
        {
            if (Environment.TickCount64 > giveUpAt)
            {
                LogDropped(logger, entries.Count);
                return;
            }

            // A pause, not a point in the product's time: the real clock, even when tests move the injected one.
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }

    private async Task<bool> TryWriteAsync(List<RevocationFeedEntry> entries, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TokensDbContext>();
            // Fresh rows each attempt: a failed SaveChanges may have left the previous ones with a key.
            db.RevocationFeed.AddRange(entries.Select(e => new RevocationFeedEntry { OwnerId = e.OwnerId, TokenId = e.TokenId, Reason = e.Reason, At = e.At }));
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNotWritten(logger, entries.Count, e);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} revocations could not be written to the feed; retrying")]
    private static partial void LogNotWritten(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} revocations never reached the feed: other instances see them when their cache entries run out")]
    private static partial void LogDropped(ILogger logger, int count);
}
