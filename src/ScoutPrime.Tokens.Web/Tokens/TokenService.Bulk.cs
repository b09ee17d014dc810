using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.TokenState;

namespace ScoutPrime.Tokens.Web.Tokens;

public sealed partial class TokenService
{
    /// <summary>Longer reasons would not fit the audit row beside the token's description.</summary>
    public const int RevokeReasonMaxLength = 150;

    /// <summary>
    /// An administrator revokes a batch of tokens of any owners, with a reason: the deletion path of
    /// <see cref="DeleteAsAdministratorAsync"/> for many tokens in one transaction. Each token is deleted by its own
    /// statement, so only a token this call removed is audited and announced (one deleted meanwhile is skipped).
    /// </summary>
    /// <returns>How many of <paramref name="ids"/> this call deleted.</returns>
    public Task<int> RevokeAsAdministratorAsync(ClaimsPrincipal administrator, IReadOnlyCollection<Guid> ids, string reason, CancellationToken ct)
    {
        RequireAdministrator(administrator);
        var actorId = administrator.GetUserId();
        return RevokeAsync(actorId, actorId, AuditActions.TokenRevokedByAdministrator, ids, reason, ct);
    }

    /// <summary>The idle-revocation policy revokes tokens nobody used for its days: the same path, with no administrator.</summary>
    public Task<int> RevokeIdleAsync(IReadOnlyCollection<Guid> ids, string reason, CancellationToken ct) =>
        RevokeAsync(AuditActors.Policy, byAdministratorId: null, AuditActions.TokenRevokedIdle, ids, reason, ct);

    private async Task<int> RevokeAsync(
        string actorId, string? byAdministratorId, string action, IReadOnlyCollection<Guid> ids, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var deleted = new List<(string OwnerId, Guid Id, string Description)>(ids.Count);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var found = await db.Set<ApiToken>().AsNoTracking().Where(t => ids.Contains(t.Id))
                .OrderBy(t => t.Id).Select(t => new { t.Id, t.OwnerId, t.Description }).ToListAsync(ct);
            foreach (var token in found)
            {
                if (await db.Set<ApiToken>().Where(t => t.Id == token.Id).ExecuteDeleteAsync(ct) == 1)
                {
                    Audit(token.OwnerId, action, token.Id, now, actorId, $"'{token.Description}' — {reason}");
                    deleted.Add((token.OwnerId, token.Id, token.Description));
                }
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        foreach (var (ownerId, id, description) in deleted)
        {
            changes.Committed(new TokenStateChange.TokenDeleted(ownerId, id, byAdministratorId, description, reason));
            LogDeleted(logger, id, actorId);
        }

        return deleted.Count;
    }
}
