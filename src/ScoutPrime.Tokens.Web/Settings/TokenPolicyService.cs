using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Notices;
using ScoutPrime.Tokens.Web.Tokens;
using ScoutPrime.Tokens.Web.TokenState;

namespace ScoutPrime.Tokens.Web.Settings;

/// <summary>What a save of the Settings screen did: whether anything changed, and how many tokens it shortened.</summary>
public sealed record PolicyChange(bool Changed, int Shortened);

/// <summary>
/// Saves the administrators' policies with an audit entry. Lowering the maximum timeout shortens every token that
/// would outlive it to expire at the new maximum from now, each audited and announced (TokenEdited) like an edit.
/// </summary>
public sealed partial class TokenPolicyService(
    TokensDbContext db, TokenPolicyStore store, TokenStateChanges changes, TimeProvider time, ILogger<TokenPolicyService> logger)
{
    public const int ShortenBatchSize = 500;

    public async Task<PolicyChange> SaveAsync(string actorId, EffectivePolicy policy, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var before = store.Current;
        var shortened = new List<(string OwnerId, Guid Id, byte[] Digest)>();
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var row = await db.Set<TokenPolicy>().SingleOrDefaultAsync(p => p.Id == TokenPolicy.SingletonId, ct);
            var stored = row is null ? before : new EffectivePolicy(row.MaxTimeoutDays, row.MaxPerUser, row.IdleRevocationDays, row.Reveal);
            if (row is not null && stored == policy)
            {
                return new PolicyChange(false, 0);
            }

            row ??= db.Set<TokenPolicy>().Add(new TokenPolicy()).Entity;
            (row.MaxTimeoutDays, row.MaxPerUser, row.IdleRevocationDays, row.Reveal) =
                (policy.MaxTimeoutDays, policy.MaxPerUser, policy.IdleRevocationDays, policy.Reveal);
            (row.UpdatedAt, row.UpdatedBy) = (now, actorId);
            db.AuditEntries.Add(new AuditEntry
            {
                At = now, ActorId = actorId, SubjectUserId = actorId, Action = AuditActions.PoliciesChanged, Detail = Describe(stored, policy),
            });
            await db.SaveChangesAsync(ct);
            if (policy.MaxTimeoutDays < stored.MaxTimeoutDays)
            {
                await ShortenAsync(actorId, policy.MaxTimeoutDays, now, shortened, ct);
            }

            await transaction.CommitAsync(ct);
        }

        await store.ReloadAsync(ct);
        foreach (var (ownerId, id, digest) in shortened)
        {
            changes.Committed(new TokenStateChange.TokenEdited(ownerId, id, digest));
        }

        LogSaved(logger, actorId, shortened.Count);
        return new PolicyChange(true, shortened.Count);
    }

    /// <summary>Every token expiring later than <paramref name="maxDays"/> from now expires then instead, batch by batch.</summary>
    private async Task ShortenAsync(string actorId, int maxDays, DateTimeOffset now, List<(string, Guid, byte[])> shortened, CancellationToken ct)
    {
        var limit = now.AddDays(maxDays);
        var noticeDue = ExpiryThresholds.FirstDue(now, limit);
        while (true)
        {
            var batch = await db.Set<ApiToken>().AsNoTracking().Where(t => t.ExpiresAt > limit)
                .OrderBy(t => t.Id).Select(t => new { t.Id, t.OwnerId, t.Digest, t.Description }).Take(ShortenBatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return;
            }

            var ids = batch.Select(t => t.Id).ToList();
            await db.Set<ApiToken>().Where(t => ids.Contains(t.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(t => t.ExpiresAt, limit)
                .SetProperty(t => t.TimeoutDays, maxDays)
                // Notices follow the new expiry (the thresholds already behind it skipped, as on an edit); a replaced
                // token's stay off, its successor carries them.
                .SetProperty(t => t.NoticeDueAt, t => t.ReplacedById == null ? noticeDue : null)
                .SetProperty(t => t.Version, Guid.NewGuid()), ct);
            foreach (var token in batch)
            {
                db.AuditEntries.Add(new AuditEntry
                {
                    At = now, ActorId = actorId, SubjectUserId = token.OwnerId, Action = AuditActions.TokenShortenedByPolicy,
                    TokenId = token.Id, Detail = $"'{token.Description}' — now expires within {maxDays} days",
                });
                shortened.Add((token.OwnerId, token.Id, token.Digest));
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    private static string Describe(EffectivePolicy from, EffectivePolicy to) => string.Join("; ", new[]
    {
        from.MaxTimeoutDays != to.MaxTimeoutDays ? $"maximum timeout {from.MaxTimeoutDays} → {to.MaxTimeoutDays} days" : null,
        from.MaxPerUser != to.MaxPerUser ? $"tokens per user {from.MaxPerUser} → {to.MaxPerUser}" : null,
        from.IdleRevocationDays != to.IdleRevocationDays ? $"idle revocation {Days(from.IdleRevocationDays)} → {Days(to.IdleRevocationDays)}" : null,
        from.Reveal != to.Reveal ? $"reveal {from.Reveal} → {to.Reveal}" : null,
    }.Where(s => s is not null).DefaultIfEmpty("saved unchanged"));

    private static string Days(int? days) => days is { } d ? $"{d} days" : "off";

    [LoggerMessage(Level = LogLevel.Information, Message = "Token policies saved by {ActorId}; {Shortened} tokens shortened")]
    private static partial void LogSaved(ILogger logger, string actorId, int shortened);
}
