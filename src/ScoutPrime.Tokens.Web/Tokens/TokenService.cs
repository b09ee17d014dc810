using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.TokenState;

namespace ScoutPrime.Tokens.Web.Tokens;

public enum TokenChange
{
    Done,
    NotFound,
    Expired,
    Conflict,
}

/// <summary>What a list or a form may show of a token: never its code.</summary>
public sealed record TokenSummary(
    Guid Id,
    string Description,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    int TimeoutDays,
    DateTimeOffset? LastUsedAt,
    Guid Version);

/// <summary>
/// Every rule about a user's own tokens. Each method takes the owner's id and scopes its query by it,
/// so another user's token is indistinguishable from one that does not exist.
/// </summary>
public sealed partial class TokenService(
    TokensDbContext db,
    IDataProtectionProvider dataProtection,
    TimeProvider time,
    TokenStateChanges changes,
    ILogger<TokenService> logger)
{
    /// <summary>Public so that the benchmark seeder protects codes exactly as the application does.</summary>
    public const string ProtectorPurpose = "ScoutPrime.Tokens.Code.v1";

    private IDataProtector Protector => dataProtection.CreateProtector(ProtectorPurpose);

    public async Task<IReadOnlyList<TokenSummary>> ListForOwnerAsync(string ownerId, CancellationToken ct) =>
        await db.Tokens.AsNoTracking()
            .Where(t => t.OwnerId == ownerId)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => new TokenSummary(t.Id, t.Description, t.CreatedAt, t.ExpiresAt, t.TimeoutDays, t.LastUsedAt, t.Version))
            .ToListAsync(ct);

    public Task<TokenSummary?> FindForOwnerAsync(string ownerId, Guid id, CancellationToken ct) =>
        db.Tokens.AsNoTracking()
            .Where(t => t.OwnerId == ownerId && t.Id == id)
            .Select(t => new TokenSummary(t.Id, t.Description, t.CreatedAt, t.ExpiresAt, t.TimeoutDays, t.LastUsedAt, t.Version))
            .SingleOrDefaultAsync(ct);

    public async Task<Guid> CreateAsync(string ownerId, string description, int timeoutDays, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var code = TokenCode.Generate();
        var token = new ApiToken
        {
            Id = Guid.CreateVersion7(now),
            OwnerId = ownerId,
            Description = description.Trim(),
            CreatedAt = now,
            ExpiresAt = now.AddDays(timeoutDays),
            TimeoutDays = timeoutDays,
            Digest = TokenCode.Digest(code),
            ProtectedCode = Protector.Protect(code),
            Version = Guid.NewGuid(),
        };
        db.Tokens.Add(token);
        Audit(ownerId, AuditActions.TokenCreated, token.Id, now);
        await db.SaveChangesAsync(ct);
        LogCreated(logger, token.Id, ownerId);
        return token.Id;
    }

    /// <summary>The plain code, for its owner only; each reveal is recorded.</summary>
    public async Task<string?> RevealAsync(string ownerId, Guid id, CancellationToken ct)
    {
        var protectedCode = await db.Tokens.AsNoTracking()
            .Where(t => t.OwnerId == ownerId && t.Id == id)
            .Select(t => t.ProtectedCode)
            .SingleOrDefaultAsync(ct);
        if (protectedCode is null)
        {
            return null;
        }

        Audit(ownerId, AuditActions.TokenRevealed, id, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        LogRevealed(logger, id, ownerId);
        return Protector.Unprotect(protectedCode);
    }

    /// <summary>Changes the description and restarts the timeout from now. The code never changes.</summary>
    public async Task<TokenChange> UpdateAsync(
        string ownerId, Guid id, string description, int timeoutDays, Guid expectedVersion, CancellationToken ct)
    {
        var token = await db.Tokens.SingleOrDefaultAsync(t => t.OwnerId == ownerId && t.Id == id, ct);
        if (token is null)
        {
            return TokenChange.NotFound;
        }

        var now = time.GetUtcNow();
        if (token.IsExpired(now))
        {
            return TokenChange.Expired;
        }

        if (token.Version != expectedVersion)
        {
            return TokenChange.Conflict;
        }

        // The version read with the form is what the UPDATE must still find; a save in between makes it fail.
        db.Entry(token).Property(t => t.Version).OriginalValue = expectedVersion;
        token.Description = description.Trim();
        token.TimeoutDays = timeoutDays;
        token.ExpiresAt = now.AddDays(timeoutDays);
        token.Version = Guid.NewGuid();
        Audit(ownerId, AuditActions.TokenUpdated, id, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TokenChange.Conflict;
        }

        // After the commit: a call that read the old row before it cannot cache it afterwards.
        changes.Committed(new TokenStateChange.TokenEdited(ownerId, id, token.Digest));
        LogUpdated(logger, id, ownerId);
        return TokenChange.Done;
    }

    public Task<string?> DeleteAsync(string ownerId, Guid id, CancellationToken ct) => DeleteAsync(ownerId, id, ownerId, ct);

    /// <summary>
    /// Deletes as <paramref name="actorId"/>: the owner, or an administrator removing a leaked token.
    /// One deletion path for both, so whatever must follow a deletion happens for both.
    /// </summary>
    /// <returns>The deleted token's description, for the message; null when there was no such token.</returns>
    public async Task<string?> DeleteAsync(string ownerId, Guid id, string actorId, CancellationToken ct)
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
        changes.Committed(new TokenStateChange.TokenDeleted(ownerId, id));
        LogDeleted(logger, id, actorId);
        return description;
    }

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
