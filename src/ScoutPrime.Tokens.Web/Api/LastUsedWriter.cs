using System.Data.Common;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.Api;

/// <summary>
/// Writes <c>LastUsedAt</c> in group commits. Every call that claimed a write (see <see cref="LastUsedTracker"/>)
/// still waits until its row is committed, but the calls that arrive while one commit is in flight share the next
/// transaction. One commit per call made a burst of first uses queue on SQLite's single writer lock, each paying its
/// own sync to disk: 15 times slower than the lookups themselves (docs/performance.md).
/// </summary>
public sealed partial class LastUsedWriter(IServiceScopeFactory scopes, ILogger<LastUsedWriter> logger) : BackgroundService
{
    private const int MaxBatch = 256;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Completes once the write is committed, or has failed and been logged: bookkeeping never refuses a call.</summary>
    public Task WriteAsync(Guid tokenId, DateTimeOffset at)
    {
        var pending = new Pending(tokenId, at, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return _queue.Writer.TryWrite(pending) ? pending.Done.Task : Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                await WriteBatchAsync(batch, stoppingToken);
                batch.ForEach(p => p.Done.TrySetResult());
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the calls still waiting are answered below, their writes left to the next use.
        }
        finally
        {
            _queue.Writer.TryComplete();
            batch.ForEach(p => p.Done.TrySetResult());
            while (_queue.Reader.TryRead(out var pending))
            {
                pending.Done.TrySetResult();
            }
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TokensDbContext>();
            await db.Database.OpenConnectionAsync(ct);
            // SQLite only: these rows may wait for the next durable commit or checkpoint to reach the disk, so a power
            // cut can lose the last few stamps, never consistency. Only this connection, only for this batch (see finally).
            var synchronous = db.Database.IsSqlite() ? await PragmaAsync(db, "PRAGMA synchronous", ct) : null;
            if (synchronous is not null)
            {
                await PragmaAsync(db, "PRAGMA synchronous = NORMAL", ct);
            }

            try
            {
                await WriteBatchAsync(db, batch, ct);
            }
            finally
            {
                if (synchronous is not null)
                {
                    await PragmaAsync(db, $"PRAGMA synchronous = {synchronous}", CancellationToken.None);
                }
            }
        }
        catch (DbException e)
        {
            // Bookkeeping only: a busy database must not refuse an API call.
            LogLastUsedNotWritten(logger, batch.Count, e);
        }
    }

    /// <summary>
    /// One UPDATE for the whole batch: its calls came within one commit of each other, so the latest of their times
    /// stands for all of them. Row by row, EF's statement overhead made this single writer the bottleneck.
    /// </summary>
    private static async Task WriteBatchAsync(TokensDbContext db, List<Pending> batch, CancellationToken ct)
    {
        var at = batch.Max(p => p.At);
        var due = at - LastUsedTracker.Interval;
        var ids = batch.Select(p => p.TokenId).ToArray();
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

    private sealed record Pending(Guid TokenId, DateTimeOffset At, TaskCompletionSource Done);
}
