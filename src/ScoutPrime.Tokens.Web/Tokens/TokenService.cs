using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Notices;
using ScoutPrime.Tokens.Web.TokenState;

namespace ScoutPrime.Tokens.Web.Tokens;

/// <summary>
/// Every rule about a user's own tokens. Each method takes the owner's id and scopes its query by it,
/// so another user's token is indistinguishable from one that does not exist.
/// </summary>
public sealed partial class TokenService(
    TokensDbContext db,
    IDataProtectionProvider dataProtection,
    TimeProvider time,
    TokenStateChanges changes,
    Settings.TokenPolicyStore policies,
    ILogger<TokenService> logger)
{
    /// <summary>Public so that the benchmark seeder protects codes exactly as the application does.</summary>
    public const string ProtectorPurpose = "ScoutPrime.Tokens.Code.v1";

    private static readonly Expression<Func<ApiToken, TokenSummary>> ToSummary =
        t => new TokenSummary(t.Id, t.Description, t.CreatedAt, t.ExpiresAt, t.TimeoutDays, t.LastUsedAt, t.Version,
            t.SuspendedAt, t.ReplacedById, t.ReplacedUntil, t.ReplacedUntilFirstUse);

    private static readonly Func<ApiToken, TokenSummary> Summarize = ToSummary.Compile();

    private IDataProtector Protector => dataProtection.CreateProtector(ProtectorPurpose);

    public async Task<IReadOnlyList<TokenSummary>> ListForOwnerAsync(string ownerId, CancellationToken ct) =>
        await Owned(ownerId).OrderByDescending(t => t.CreatedAt).Select(ToSummary).ToListAsync(ct);

    /// <summary>One page of <see cref="ListForOwnerAsync"/>; a page past the last is empty.</summary>
    public async Task<TokenPage> ListPageForOwnerAsync(string ownerId, int page, int pageSize, CancellationToken ct)
    {
        var total = await Owned(ownerId).CountAsync(ct);
        var skip = ((long)page - 1) * pageSize;
        if (skip >= total)
        {
            return new TokenPage([], total);
        }

        // The id breaks ties between tokens created in the same instant, so no token is on two pages or none.
        var items = await Owned(ownerId).OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Skip((int)skip).Take(pageSize).Select(ToSummary).ToListAsync(ct);
        return new TokenPage(items, total);
    }

    public Task<int> CountForOwnerAsync(string ownerId, CancellationToken ct) => Owned(ownerId).CountAsync(ct);

    public Task<TokenSummary?> FindForOwnerAsync(string ownerId, Guid id, CancellationToken ct) =>
        Owned(ownerId).Where(t => t.Id == id).Select(ToSummary).SingleOrDefaultAsync(ct);

    /// <returns>The new token's id; null when its owner already has the policy's most tokens per user.</returns>
    public async Task<Guid?> CreateAsync(string ownerId, string description, int timeoutDays, CancellationToken ct)
    {
        // Count and insert in one transaction that first locks the owner's row (NewTokens.LockOwnerAtCapAsync).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var policy = policies.Current;
        if (await NewTokens.LockOwnerAtCapAsync(db, ownerId, policy, ct))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var (token, _) = NewTokens.Make(ownerId, description, timeoutDays, now, policy, Protector);
        db.Tokens.Add(token);
        Audit(ownerId, AuditActions.TokenCreated, token.Id, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        changes.Committed(new TokenStateChange.TokenCreated(ownerId, token.Id, description, token.ExpiresAt));
        LogCreated(logger, token.Id, ownerId);
        return token.Id;
    }

    /// <summary>
    /// The plain code, for its owner only; each reveal is recorded, with where it was revealed to (e.g. "from 203.0.113.7"). The first reveal is claimed in one UPDATE, so of
    /// two Shows at once only one is first: under <see cref="Settings.RevealPolicy.Once"/> every later one is refused.
    /// </summary>
    public async Task<TokenReveal> RevealAsync(string ownerId, Guid id, string? from, CancellationToken ct)
    {
        var protectedCode = await Owned(ownerId).Where(t => t.Id == id).Select(t => t.ProtectedCode).SingleOrDefaultAsync(ct);
        if (protectedCode is null)
        {
            return TokenReveal.NotFound;
        }

        var now = time.GetUtcNow();
        var first = await db.Tokens.Where(t => t.OwnerId == ownerId && t.Id == id && t.FirstRevealedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.FirstRevealedAt, now), ct) == 1;
        if (!first && policies.Current.Reveal == Settings.RevealPolicy.Once)
        {
            return TokenReveal.AlreadyShown;
        }

        Audit(ownerId, AuditActions.TokenRevealed, id, now, detail: from);
        await db.SaveChangesAsync(ct);
        LogRevealed(logger, id, ownerId);
        return new TokenReveal(RevealOutcome.Shown, Protector.Unprotect(protectedCode));
    }

    /// <summary>
    /// Changes the description and restarts the timeout from now, unless the token has expired or was saved since
    /// <paramref name="expectedVersion"/> was read. The code never changes.
    /// </summary>
    public async Task<TokenUpdate> UpdateAsync(
        string ownerId, Guid id, string description, int timeoutDays, Guid expectedVersion, CancellationToken ct)
    {
        var token = await db.Tokens.SingleOrDefaultAsync(t => t.OwnerId == ownerId && t.Id == id, ct);
        if (token is null)
        {
            return TokenUpdate.NotFound;
        }

        var now = time.GetUtcNow();
        if (token.IsExpired(now))
        {
            return new TokenUpdate(TokenChange.Expired, Summarize(token));
        }

        if (token.Version != expectedVersion)
        {
            return new TokenUpdate(TokenChange.Conflict, Summarize(token));
        }

        // The version read with the form is what the UPDATE must still find; a save in between makes it fail.
        db.Entry(token).Property(t => t.Version).OriginalValue = expectedVersion;
        token.Description = description;
        token.TimeoutDays = timeoutDays;
        token.ExpiresAt = now.AddDays(timeoutDays);
        // A later expiry re-arms the notices whose moments are still ahead; those already behind are skipped.
        token.NoticeDueAt = ExpiryThresholds.FirstDue(now, token.ExpiresAt);
        token.Version = Guid.NewGuid();
        Audit(ownerId, AuditActions.TokenUpdated, id, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Saved (or deleted) by someone else between the read and the write: answer with what is stored now.
            return await FindForOwnerAsync(ownerId, id, ct) is { } current
                ? new TokenUpdate(TokenChange.Conflict, current)
                : TokenUpdate.NotFound;
        }

        // After the commit: a call that read the old row before it cannot cache it afterwards.
        changes.Committed(new TokenStateChange.TokenEdited(ownerId, id, token.Digest));
        LogUpdated(logger, id, ownerId);
        return new TokenUpdate(TokenChange.Done, Summarize(token));
    }

    /// <summary>The owner deletes one of their tokens.</summary>
    /// <returns>The deleted token's description, for the message; null when there was no such token.</returns>
    public Task<string?> DeleteAsync(string ownerId, Guid id, CancellationToken ct) => DeleteAsync(ownerId, id, actorId: ownerId, ct);

    /// <summary>
    /// An administrator deletes another user's token, e.g. a leaked one. The administrator comes as the signed-in
    /// principal, not as a second string id that could be swapped with the owner's.
    /// </summary>
    /// <returns>The deleted token's description, for the message; null when there was no such token.</returns>
    public Task<string?> DeleteAsAdministratorAsync(ClaimsPrincipal administrator, string ownerId, Guid id, CancellationToken ct)
    {
        RequireAdministrator(administrator);
        return DeleteAsync(ownerId, id, administrator.GetUserId(), ct);
    }

    /// <summary>
    /// Deletes as <paramref name="actorId"/>: the owner, or an administrator removing a leaked token.
    /// One deletion path for both, so whatever must follow a deletion happens for both.
    /// </summary>
    private async Task<string?> DeleteAsync(string ownerId, Guid id, string actorId, CancellationToken ct)
    {
        // The deletion and its audit row commit together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var token = db.Tokens.Where(t => t.OwnerId == ownerId && t.Id == id);
        // Kept in the audit row: once the token is gone, its description is what tells the history which one it was.
        var description = await token.Select(t => t.Description).SingleOrDefaultAsync(ct);
        if (description is null || await token.ExecuteDeleteAsync(ct) == 0)
        {
            return null;
        }

        var action = actorId == ownerId ? AuditActions.TokenDeleted : AuditActions.TokenDeletedByAdministrator;
        Audit(ownerId, action, id, time.GetUtcNow(), actorId, description);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        changes.Committed(new TokenStateChange.TokenDeleted(ownerId, id, actorId, description));
        LogDeleted(logger, id, actorId);
        return description;
    }

    private static void RequireAdministrator(ClaimsPrincipal administrator)
    {
        if (!administrator.IsInRole(Roles.Administrators))
        {
            throw new InvalidOperationException("Only an administrator deletes another user's token.");
        }
    }

    private IQueryable<ApiToken> Owned(string ownerId) => db.Tokens.AsNoTracking().Where(t => t.OwnerId == ownerId);

    private void Audit(string ownerId, string action, Guid tokenId, DateTimeOffset at, string? actorId = null, string? detail = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = at, ActorId = actorId ?? ownerId, SubjectUserId = ownerId, Action = action, TokenId = tokenId, Detail = detail,
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Token {TokenId} created by {UserId}")]
    private static partial void LogCreated(ILogger logger, Guid tokenId, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Token {TokenId} revealed to {UserId}")]
    private static partial void LogRevealed(ILogger logger, Guid tokenId, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Token {TokenId} updated by {UserId}")]
    private static partial void LogUpdated(ILogger logger, Guid tokenId, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Token {TokenId} deleted by {UserId}")]
    private static partial void LogDeleted(ILogger logger, Guid tokenId, string userId);
}
