using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tokens;
using ScoutPrime.Tokens.Web.TokenState;

namespace ScoutPrime.Tokens.Web.Lifecycle;

public enum SuspensionOutcome
{
    Done,
    NotFound,
    Expired,
    Unchanged,
}

/// <summary>
/// Suspend and resume: a suspended token is refused (uniform 401) until resumed, and its expiry keeps running, so an
/// expired token can be neither suspended nor resumed (the help article: an expired token is not modifiable).
/// The owner acts on their own tokens; an administrator on anyone's, as the signed-in principal.
/// </summary>
public sealed partial class TokenSuspension(TokensDbContext db, TimeProvider time, TokenStateChanges changes, ILogger<TokenSuspension> logger)
{
    public Task<(SuspensionOutcome Outcome, string? Description)> SetAsync(string ownerId, Guid id, bool suspend, CancellationToken ct) =>
        SetAsync(ownerId, id, suspend, actorId: ownerId, ct);

    public Task<(SuspensionOutcome Outcome, string? Description)> SetAsAdministratorAsync(
        ClaimsPrincipal administrator, string ownerId, Guid id, bool suspend, CancellationToken ct) =>
        administrator.IsInRole(Roles.Administrators)
            ? SetAsync(ownerId, id, suspend, administrator.GetUserId(), ct)
            : throw new InvalidOperationException("Only an administrator suspends another user's token.");

    private async Task<(SuspensionOutcome, string?)> SetAsync(string ownerId, Guid id, bool suspend, string actorId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var token = await db.Set<ApiToken>().SingleOrDefaultAsync(t => t.OwnerId == ownerId && t.Id == id, ct);
        if (token is null)
        {
            return (SuspensionOutcome.NotFound, null);
        }

        if (token.IsExpired(now))
        {
            return (SuspensionOutcome.Expired, token.Description);
        }

        if (token.SuspendedAt is not null == suspend)
        {
            return (SuspensionOutcome.Unchanged, token.Description);
        }

        token.SuspendedAt = suspend ? now : null;
        token.SuspendedById = suspend ? actorId : null;
        token.Version = Guid.NewGuid();
        db.AuditEntries.Add(TokenRotation.Entry(ownerId, actorId, suspend ? AuditActions.TokenSuspended : AuditActions.TokenResumed, id, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Changed or deleted in between: the next look at the list shows what happened.
            return (SuspensionOutcome.NotFound, null);
        }

        changes.Committed(suspend
            ? new TokenStateChange.TokenSuspended(ownerId, id, token.Digest, actorId, token.Description)
            : new TokenStateChange.TokenResumed(ownerId, id, token.Digest, actorId));
        LogChanged(logger, id, suspend ? "suspended" : "resumed", actorId);
        return (SuspensionOutcome.Done, token.Description);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Token {TokenId} {Change} by {UserId}")]
    private static partial void LogChanged(ILogger logger, Guid tokenId, string change, string userId);
}
