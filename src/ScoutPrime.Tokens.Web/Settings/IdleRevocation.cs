using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Settings;

/// <summary>
/// The idle-revocation policy at work: every <see cref="Interval"/>, when the policy is on, revokes in batches every
/// token unused for its days (a never-used token counted from its creation, as the Tokens screen's "idle" filter).
/// Each instance runs it; two at once only find fewer tokens left, since a deletion is counted only once.
/// </summary>
public sealed partial class IdleRevocation(
    IServiceScopeFactory scopes, TokenPolicyStore policies, TimeProvider time, ILogger<IdleRevocation> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    public const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timer = new Cadence(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    public async Task<int> RunAsync(CancellationToken ct)
    {
        if (policies.Current.IdleRevocationDays is not { } days)
        {
            return 0;
        }

        var since = time.GetUtcNow().AddDays(-days);
        var reason = $"Unused for {days} days";
        var total = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TokensDbContext>();
            var ids = await db.Set<ApiToken>().AsNoTracking()
                .Where(TokensData.IdleSince(since))
                .OrderBy(t => t.Id).Select(t => t.Id).Take(BatchSize).ToListAsync(ct);
            var revoked = ids.Count == 0 ? 0 : await scope.ServiceProvider.GetRequiredService<TokenService>().RevokeIdleAsync(ids, reason, ct);
            total += revoked;
            if (revoked == 0 || ids.Count < BatchSize)
            {
                break;
            }
        }

        if (total > 0)
        {
            LogRevoked(logger, total, days);
        }

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Idle revocation: {Count} tokens unused for {Days} days revoked")]
    private static partial void LogRevoked(ILogger logger, int count, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Idle revocation failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
