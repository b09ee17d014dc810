using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Settings;

/// <summary>
/// The policies in force, held in memory so that a form's validation and a token's creation read them without a query:
/// loaded at start, reloaded at once on this instance after a save and every <see cref="RefreshInterval"/> for a
/// save made on another instance.
/// </summary>
public sealed partial class TokenPolicyStore(
    IServiceScopeFactory scopes, IOptions<TokenOptions> options, TimeProvider time, ILogger<TokenPolicyStore> logger) : BackgroundService
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(10);

    private volatile EffectivePolicy? _current;

    /// <summary>The configuration's values: what applies until an administrator saves the Settings screen.</summary>
    public EffectivePolicy Defaults => new(
        options.Value.MaxTimeoutDays, options.Value.MaxPerUser, options.Value.IdleRevocationDays, options.Value.RevealPolicy);

    public EffectivePolicy Current => _current ?? Defaults;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await ReloadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public async Task ReloadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TokensDbContext>();
        var row = await db.Set<TokenPolicy>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == TokenPolicy.SingletonId, ct);
        _current = row is null ? Defaults : new EffectivePolicy(row.MaxTimeoutDays, row.MaxPerUser, row.IdleRevocationDays, row.Reveal);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timer = new Cadence(RefreshInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ReloadAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The last policies stay in force; the next tick tries again.
                LogReloadFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reload the token policies")]
    private static partial void LogReloadFailed(ILogger logger, Exception e);
}
