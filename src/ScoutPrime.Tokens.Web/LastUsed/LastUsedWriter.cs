using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Lifecycle;
using ScoutPrime.Tokens.Web.Tokens;
using ScoutPrime.Tokens.Web.TokenState;
using ScoutPrime.Tokens.Web.Usage;

namespace ScoutPrime.Tokens.Web.LastUsed;

/// <summary>
/// Writes <c>LastUsedAt</c> off the request path. A call that claimed a write (see <see cref="LastUsedTracker"/>)
/// leaves its stamp here and is answered at once; the stamps that arrive within <see cref="FlushDelay"/> of the first
/// are written together, in one transaction, and whatever is pending when the application stops is written then.
/// Writing each stamp as its call came (even in group commits) cost a cold call twice its lookup (docs/performance.md).
/// </summary>
public sealed partial class LastUsedWriter(IServiceScopeFactory scopes, TokenStateChanges changes, IUsageWriter usageWriter, ILogger<LastUsedWriter> logger) : BackgroundService
{
    /// <summary>How long the list can be behind an API call: a moment, against the ten minutes between writes.</summary>
    public static readonly TimeSpan FlushDelay = TimeSpan.FromMilliseconds(250);

    // Ids per UPDATE statement: far below either provider's limit on parameters.
    private const int MaxStatement = 500;

    private readonly Channel<Stamp> _queue = Channel.CreateUnbounded<Stamp>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>
    /// Queues one token's stamp. Bookkeeping never delays or refuses a call: a failed write is logged and dropped.
    /// A successor (<paramref name="replacesId"/>: the token it replaced) also ends that token's "until first use" overlap.
    /// A call from an address due a write (<see cref="UsageTracker"/>) brings its row along: written in the same flush.
    /// </summary>
    public void Record(Guid tokenId, DateTimeOffset at, Guid? replacesId = null, string? ownerId = null, UsageStamp? usage = null, bool lastUsed = true) =>
        _queue.Writer.TryWrite(new Stamp(tokenId, at, replacesId is { } predecessor && ownerId is not null
            ? new FirstUse.SuccessorUse(tokenId, predecessor, ownerId, at)
            : null, usage, lastUsed));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                // A pause, not a point in the product's time: the real clock, even when tests move the injected one.
                await Task.Delay(FlushDelay, stoppingToken);
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is written below.
        }

        _queue.Writer.TryComplete();
        await FlushAsync(CancellationToken.None);
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        var stamps = new List<Stamp>();
        while (_queue.Reader.TryRead(out var stamp))
        {
            stamps.Add(stamp);
        }

        if (stamps.Count == 0)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TokensDbContext>();
            await db.Database.OpenConnectionAsync(ct);
            // SQLite only: these rows may wait for the next durable commit or checkpoint to reach the disk, so a power
            // cut can lose the last few stamps, never consistency. Only this connection, only for this flush (see finally).
            var synchronous = db.Database.IsSqlite() ? await PragmaAsync(db, "PRAGMA synchronous", ct) : null;
            if (synchronous is not null)
            {
                await PragmaAsync(db, "PRAGMA synchronous = NORMAL", ct);
            }

            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                foreach (var statement in stamps.Where(s => s.LastUsed).Chunk(MaxStatement))
                {
                    await WriteAsync(db, statement, ct);
                }

                var ended = await FirstUse.EndOverlapsAsync(db, stamps.Select(s => s.SuccessorUse).OfType<FirstUse.SuccessorUse>(), ct);
                await transaction.CommitAsync(ct);
                foreach (var change in ended)
                {
                    changes.Committed(change);
                }
            }
            finally
            {
                if (synchronous is not null)
                {
                    await PragmaAsync(db, $"PRAGMA synchronous = {synchronous}", CancellationToken.None);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Bookkeeping only: the next use after the interval writes again.
            LogLastUsedNotWritten(logger, stamps.Count, e);
        }

        await WriteUsageAsync(stamps, ct);
    }

    // Apart from the stamps above: a clash with another instance's row loses these addresses, never a LastUsedAt.
    private async Task WriteUsageAsync(List<Stamp> stamps, CancellationToken ct)
    {
        var usage = stamps.Select(s => s.Usage).OfType<UsageStamp>().ToList();
        if (usage.Count == 0)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await usageWriter.WriteAsync(scope.ServiceProvider.GetRequiredService<TokensDbContext>(), usage, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogUsageNotWritten(logger, usage.Count, e);
        }
    }

    /// <summary>
    /// One UPDATE for many tokens: their calls came within <see cref="FlushDelay"/> of each other, so the latest of
    /// their times stands for all of them.
    /// </summary>
    private static async Task WriteAsync(TokensDbContext db, Stamp[] stamps, CancellationToken ct)
    {
        var at = stamps.Max(s => s.At);
        var due = at - LastUsedTracker.Interval;
        var ids = stamps.Select(s => s.TokenId).ToArray();
        // The condition keeps a second instance from writing again within the interval.
        await db.Tokens
            .Where(t => ids.Contains(t.Id) && (t.LastUsedAt == null || t.LastUsedAt <= due))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, at), ct);
    }

    private static async Task<object?> PragmaAsync(TokensDbContext db, string sql, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Last use of {Count} tokens could not be recorded")]
    private static partial void LogLastUsedNotWritten(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Use of {Count} token addresses could not be recorded")]
    private static partial void LogUsageNotWritten(ILogger logger, int count, Exception exception);

    private sealed record Stamp(Guid TokenId, DateTimeOffset At, FirstUse.SuccessorUse? SuccessorUse, UsageStamp? Usage, bool LastUsed);
}
