using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.LastUsed;

namespace ScoutPrime.Tokens.Web.ResourceServers;

/// <summary>
/// Writes a resource server's Last used after its introspection call was answered. At most one stamp per server
/// every ten minutes reaches here (<see cref="ResourceServerClients.RecordUse"/>), so each is written on its own.
/// </summary>
public sealed partial class ResourceServerLastUsedWriter(IServiceScopeFactory scopes, ILogger<ResourceServerLastUsedWriter> logger) : BackgroundService
{
    private readonly Channel<(Guid Id, DateTimeOffset At)> _queue =
        Channel.CreateUnbounded<(Guid, DateTimeOffset)>(new UnboundedChannelOptions { SingleReader = true });

    public void Record(Guid serverId, DateTimeOffset at) => _queue.Writer.TryWrite((serverId, at));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is written below.
        }

        await FlushAsync(CancellationToken.None);
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        while (_queue.Reader.TryRead(out var stamp))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TokensDbContext>();
                var due = stamp.At - LastUsedTracker.Interval;
                // The condition keeps a second instance from writing again within the interval.
                await db.ResourceServers
                    .Where(s => s.Id == stamp.Id && (s.LastUsedAt == null || s.LastUsedAt <= due))
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.LastUsedAt, stamp.At), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Bookkeeping only: the next call after the interval writes again.
                LogNotWritten(logger, stamp.Id, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Last use of resource server {ServerId} could not be recorded")]
    private static partial void LogNotWritten(ILogger logger, Guid serverId, Exception exception);
}
