using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Settings;
using ScoutPrime.Tokens.Web.Tokens;
using ScoutPrime.Tokens.Web.TokenState;

namespace ScoutPrime.Tokens.Web.Lifecycle;

public enum RotationOutcome
{
    Done,
    NotFound,
    Expired,
    AlreadyReplaced,
    AtCap,
    Suspended,
}

/// <summary>What a rotation made: the successor (with its code, for the API's one answer) and when the old code stops.</summary>
public sealed record RotationResult(
    RotationOutcome Outcome, Guid SuccessorId = default, string? Code = null, string? Description = null,
    DateTimeOffset SuccessorExpiresAt = default, DateTimeOffset OldWorksUntil = default, bool UntilFirstUse = false)
{
    public static readonly RotationResult NotFound = new(RotationOutcome.NotFound);
}

/// <summary>
/// Rotation: a new token (new id and code, same description and timeout counted from now, within the policies) replaces an old one, which
/// keeps working for the chosen overlap. One rotation per token: the old row is claimed under its owner's lock and the
/// successor's unique <c>ReplacesId</c> stops a second one racing on another instance; the loser gets the winner's
/// successor when it carries the same idempotency key, otherwise <see cref="RotationOutcome.AlreadyReplaced"/>.
/// </summary>
public sealed partial class TokenRotation(
    TokensDbContext db, IDataProtectionProvider dataProtection, TimeProvider time, TokenPolicyStore policies,
    TokenStateChanges changes, ILogger<TokenRotation> logger)
{
    /// <summary>How long a self-rotation's Idempotency-Key returns the same successor.</summary>
    public static readonly TimeSpan IdempotencyWindow = TimeSpan.FromMinutes(10);

    private IDataProtector Protector => dataProtection.CreateProtector(TokenService.ProtectorPurpose);

    // revealedTo: where the answer hands the new code out (the API's, "by self-rotation from …"); null when it does not (the screen's).
    public async Task<RotationResult> RotateAsync(
        string ownerId, Guid id, Overlap overlap, string actorId, string? idempotencyKey, string? revealedTo, CancellationToken ct)
    {
        RotationResult result;
        try
        {
            result = await TryRotateAsync(ownerId, id, overlap, actorId, idempotencyKey, ct);
        }
        catch (DbUpdateException)
        {
            // Lost a race with a rotation on another instance (the unique ReplacesId, or the old row's version).
            db.ChangeTracker.Clear();
            result = await AlreadyRotatedAsync(ownerId, id, idempotencyKey, ct) ?? new RotationResult(RotationOutcome.AlreadyReplaced);
        }

        if (result.Outcome == RotationOutcome.Done && revealedTo is not null)
        {
            await RecordRevealAsync(ownerId, actorId, result.SuccessorId, revealedTo, ct);
        }

        return result;
    }

    /// <summary>
    /// The code handed out in an answer (the first or a retry's) is a reveal like Show's: audited, and the first one
    /// claimed, so that under "shown once" Show refuses it afterwards.
    /// </summary>
    private async Task RecordRevealAsync(string ownerId, string actorId, Guid successorId, string revealedTo, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await db.Set<ApiToken>().Where(t => t.OwnerId == ownerId && t.Id == successorId && t.FirstRevealedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.FirstRevealedAt, now), ct);
        db.AuditEntries.Add(Entry(ownerId, actorId, AuditActions.TokenRevealed, successorId, now, revealedTo));
        await db.SaveChangesAsync(ct);
    }

    private async Task<RotationResult> TryRotateAsync(
        string ownerId, Guid id, Overlap overlap, string actorId, string? idempotencyKey, CancellationToken ct)
    {
        // The owner's row locked first, as Create does: rotations of one owner's tokens queue here, and the count
        // against the cap sees every token committed before.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var policy = policies.Current;
        var atCap = await NewTokens.LockOwnerAtCapAsync(db, ownerId, policy, ct);
        var tokens = db.Set<ApiToken>();
        var old = await tokens.SingleOrDefaultAsync(t => t.OwnerId == ownerId && t.Id == id, ct);
        var now = time.GetUtcNow();
        if (old is null)
        {
            return RotationResult.NotFound;
        }

        if (old.IsReplaced)
        {
            return await AlreadyRotatedAsync(ownerId, id, idempotencyKey, ct) ?? new RotationResult(RotationOutcome.AlreadyReplaced);
        }

        if (old.IsExpired(now))
        {
            return new RotationResult(RotationOutcome.Expired);
        }

        // A successor would work at once: rotating must not be a way around a suspension (the owner's or an administrator's).
        if (old.SuspendedAt is not null)
        {
            return new RotationResult(RotationOutcome.Suspended);
        }

        if (atCap)
        {
            return new RotationResult(RotationOutcome.AtCap);
        }

        // The same timeout from now, unless the administrators have since lowered the maximum below it.
        var (successor, code) = NewTokens.Make(ownerId, old.Description, old.TimeoutDays, now, policy, Protector);
        successor.ReplacesId = old.Id;
        successor.RotationKey = idempotencyKey;
        tokens.Add(successor);
        // The overlap never outlives the old token's own expiry.
        var until = overlap.CutOff(now) < old.ExpiresAt ? overlap.CutOff(now) : old.ExpiresAt;
        old.ReplacedById = successor.Id;
        old.ReplacedUntil = until;
        old.ReplacedUntilFirstUse = overlap.UntilFirstUse && until > now;
        // The successor carries the expiry notices from here: "extend your token" about a replaced one would mislead.
        old.NoticeDueAt = null;
        old.Version = Guid.NewGuid();
        db.AuditEntries.Add(Entry(ownerId, actorId, AuditActions.TokenRotated, old.Id, now, $"Replaced by {successor.Id}; works until {until:u}"));
        db.AuditEntries.Add(Entry(ownerId, actorId, AuditActions.TokenCreated, successor.Id, now, $"Rotated from {old.Id}"));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        changes.Committed(new TokenStateChange.TokenRotated(ownerId, old.Id, old.Digest, successor.Id, until, old.ReplacedUntilFirstUse, actorId, old.Description));
        LogRotated(logger, old.Id, successor.Id, actorId);
        return new RotationResult(
            RotationOutcome.Done, successor.Id, code, successor.Description, successor.ExpiresAt, until, old.ReplacedUntilFirstUse);
    }

    /// <summary>The successor again, when this is a retry of the rotation that made it (same key, within the window).</summary>
    private async Task<RotationResult?> AlreadyRotatedAsync(string ownerId, Guid id, string? idempotencyKey, CancellationToken ct)
    {
        if (idempotencyKey is null)
        {
            return null;
        }

        var since = time.GetUtcNow() - IdempotencyWindow;
        var tokens = db.Set<ApiToken>().AsNoTracking();
        var successor = await tokens
            .Where(t => t.OwnerId == ownerId && t.ReplacesId == id && t.RotationKey == idempotencyKey && t.CreatedAt > since)
            .SingleOrDefaultAsync(ct);
        var old = successor is null ? null : await tokens.SingleOrDefaultAsync(t => t.OwnerId == ownerId && t.Id == id, ct);
        return successor is null || old is null
            ? null
            : new RotationResult(
                RotationOutcome.Done, successor.Id, Protector.Unprotect(successor.ProtectedCode), successor.Description,
                successor.ExpiresAt, old.ReplacedUntil ?? successor.CreatedAt, old.ReplacedUntilFirstUse);
    }

    internal static AuditEntry Entry(string ownerId, string actorId, string action, Guid tokenId, DateTimeOffset at, string? detail = null) =>
        new() { At = at, ActorId = actorId, SubjectUserId = ownerId, Action = action, TokenId = tokenId, Detail = detail };

    [LoggerMessage(Level = LogLevel.Information, Message = "Token {TokenId} rotated to {SuccessorId} by {UserId}")]
    private static partial void LogRotated(ILogger logger, Guid tokenId, Guid successorId, string userId);
}
