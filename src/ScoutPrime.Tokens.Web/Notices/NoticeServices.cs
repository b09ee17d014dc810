using ScoutPrime.Tokens.Web.Infrastructure;

namespace ScoutPrime.Tokens.Web.Notices;

/// <summary>
/// Every minute of <see cref="TimeProvider"/> time: the expiry notices that fell due and the digests that are due.
/// Safe on several instances: each piece of work is claimed in the database, not in this process.
/// </summary>
public sealed partial class NoticeScheduler(IServiceScopeFactory scopes, TimeProvider time, ILogger<NoticeScheduler> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A cadence, not a periodic timer: a clock that jumps (a suspended VM, a test) wakes it once.
        var cadence = new Cadence(Interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ExpiryNoticeScan>().RunOnceAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<SecurityDigest>().RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A database outage: the work is still due and is done on a later tick.
                LogFailed(logger, e);
            }
        }
        while (await cadence.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Notice scheduling failed; retrying next minute")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>Sends the outbox every 15 seconds of <see cref="TimeProvider"/> time, and says at start where mail goes.</summary>
public sealed partial class OutboxDispatcher(IServiceScopeFactory scopes, IMailTransport transport, TimeProvider time, ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogDestination(logger, transport.Destination);
        var cadence = new Cadence(Interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<Outbox>().SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e);
            }
        }
        while (await cadence.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notices: mail goes to {Destination}")]
    private static partial void LogDestination(ILogger logger, string destination);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending the outbox failed; retrying shortly")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
