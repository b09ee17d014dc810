using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Infrastructure;
using ScoutPrime.Tokens.Web.Validation;

namespace ScoutPrime.Tokens.Web.Revocation;

/// <summary>
/// Once a second, one indexed query for the feed's rows after the last this instance saw (<c>WHERE Seq &gt; @last</c>,
/// a range of the primary key), and each listed owner's tokens are forgotten by the validation cache: a token revoked on
/// another instance is refused here within about a second, whatever the cache lifetime. Starts from the feed's end as it
/// is at start-up (a new instance has nothing cached to forget), and prunes rows older than <see cref="Retention"/>.
/// </summary>
public sealed partial class RevocationFeedPoller(
    IServiceScopeFactory scopes,
    TokenValidationCache cache,
    TimeProvider time,
    ILogger<RevocationFeedPoller> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(10);

    // Rows per poll: a burst larger than this (a bulk revoke) is read over the following polls, a second apart.
    private const int Batch = 1_000;

    private FeedCursor? _cursor;
    private DateTimeOffset _nextPrune;
    private bool _failing;

    /// <summary>The last sequence number acted on; null until the start-up read succeeded.</summary>
    public long? Last => _cursor?.Last;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _nextPrune = time.GetUtcNow() + PruneEvery;
        // A fixed cadence, not a pause after each poll: a slow query does not stretch the delay it bounds.
        var timer = new Cadence(Interval, time);
        try
        {
            do
            {
                await PollAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One poll; public so that a test can take one without waiting for the clock.</summary>
    public async Task PollAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var feed = scope.ServiceProvider.GetRequiredService<TokensDbContext>().RevocationFeed;
            var now = time.GetUtcNow();
            if (_cursor is null)
            {
                _cursor = new FeedCursor(await feed.MaxAsync(e => (long?)e.Seq, ct) ?? 0);
            }
            else
            {
                var after = _cursor.ReadAfter;
                var rows = await feed.AsNoTracking().Where(e => e.Seq > after).OrderBy(e => e.Seq).Take(Batch)
                    .Select(e => new { e.Seq, e.OwnerId }).ToListAsync(ct);
                foreach (var row in rows.Where(r => _cursor.Accept(r.Seq, now)))
                {
                    cache.EvictOwner(row.OwnerId);
                }

                _cursor.Expire(now);
            }

            if (now >= _nextPrune)
            {
                _nextPrune = now + PruneEvery;
                var before = now - Retention;
                await feed.Where(e => e.At < before).ExecuteDeleteAsync(ct);
            }

            _failing = false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database is away (or not migrated yet): the next poll resumes where this one stopped.
            if (!_failing)
            {
                _failing = true;
                LogPollFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The revocation feed could not be read; the validation cache's lifetime bounds revocation until it can")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
