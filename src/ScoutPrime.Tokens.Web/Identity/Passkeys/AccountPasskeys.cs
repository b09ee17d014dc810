using System.Buffers.Text;
using System.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.Identity.Passkeys;

/// <summary>
/// A user's own passkeys (Account → Passkeys): add, rename, remove, each recorded in the audit trail. Every method
/// takes the signed-in user and reaches only their passkeys: another user's passkey id is simply not found.
/// </summary>
public sealed partial class AccountPasskeys(
    TokensDbContext db,
    UserManager<AppUser> users,
    PasskeyCeremonies ceremonies,
    TimeProvider time,
    ILogger<AccountPasskeys> logger)
{
    public const int MaxNameLength = 50;

    /// <summary>Enough for every device a person uses; a bound keeps one account from growing without end.</summary>
    public const int MaxPerUser = 20;

    public static readonly PasskeyFailure TooMany = new($"You already have {MaxPerUser} passkeys. Remove one you no longer use first.");

    public async Task<IReadOnlyList<PasskeyRow>> ListAsync(AppUser user) =>
        [.. (await users.GetPasskeysAsync(user)).OrderBy(p => p.CreatedAt)
            .Select(p => new PasskeyRow(Base64Url.EncodeToString(p.CredentialId), p.Name ?? "Passkey", p.CreatedAt))];

    public Task<string> CreationOptionsAsync(AppUser user) => ceremonies.CreationOptionsAsync(user);

    /// <summary>Stores the passkey the browser just created for <paramref name="user"/>, under <paramref name="name"/>.</summary>
    public async Task<PasskeyFailure?> AddAsync(AppUser user, string name, string? credentialJson)
    {
        var (result, failure) = await ceremonies.AttestAsync(credentialJson);
        if (result is not { Passkey: { } passkey, UserEntity: { } entity })
        {
            return failure ?? PasskeyFailure.Refused;
        }

        // The challenge was issued to whoever was signed in in this browser then: it must be this user.
        if (entity.Id != user.Id)
        {
            return PasskeyFailure.Refused;
        }

        if ((await users.GetPasskeysAsync(user)).Count >= MaxPerUser)
        {
            return TooMany;
        }

        passkey.Name = name;
        await SaveAsync(user, AuditActions.PasskeyAdded, name, () => users.AddOrUpdatePasskeyAsync(user, passkey));
        LogChanged(logger, "added", user.Id);
        return null;
    }

    /// <summary>False when the user has no passkey with that id.</summary>
    public async Task<bool> RenameAsync(AppUser user, string? id, string name)
    {
        if (await FindAsync(user, id) is not { } passkey)
        {
            return false;
        }

        passkey.Name = name;
        await SaveAsync(user, AuditActions.PasskeyRenamed, name, () => users.AddOrUpdatePasskeyAsync(user, passkey));
        LogChanged(logger, "renamed", user.Id);
        return true;
    }

    /// <summary>False when the user has no passkey with that id.</summary>
    public async Task<bool> RemoveAsync(AppUser user, string? id)
    {
        if (await FindAsync(user, id) is not { } passkey)
        {
            return false;
        }

        await SaveAsync(user, AuditActions.PasskeyRemoved, passkey.Name, () => users.RemovePasskeyAsync(user, passkey.CredentialId));
        LogChanged(logger, "removed", user.Id);
        return true;
    }

    private async Task<UserPasskeyInfo?> FindAsync(AppUser user, string? id) =>
        id is { Length: > 0 and <= 2048 } && Base64Url.IsValid(id)
            ? await users.GetPasskeyAsync(user, Base64Url.DecodeFromChars(id))
            : null;

    // The change and its audit entry commit together.
    private async Task SaveAsync(AppUser user, string action, string? detail, Func<Task<IdentityResult>> change)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted);
        db.AuditEntries.Add(new AuditEntry { At = time.GetUtcNow(), ActorId = user.Id, SubjectUserId = user.Id, Action = action, Detail = detail });
        await db.SaveChangesAsync();
        var result = await change();
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Could not save the passkey: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await transaction.CommitAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Passkey {Change} by user {UserId}")]
    private static partial void LogChanged(ILogger logger, string change, string userId);
}

public sealed record PasskeyRow(string Id, string Name, DateTimeOffset CreatedAt);
