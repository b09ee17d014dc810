using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Notices;
using ScoutPrime.Tokens.Web.Settings;

namespace ScoutPrime.Tokens.Web.Tokens;

/// <summary>
/// What every new token obeys, whether created on the screen or made by a rotation: the administrators' policy caps how
/// many one owner holds and how long it lives, and its first expiry notice is armed. One place, so the two cannot drift.
/// </summary>
public static class NewTokens
{
    /// <summary>
    /// Locks the owner's row (in the caller's transaction: an owner's parallel requests queue here one by one instead of
    /// all counting below the cap and all inserting) and answers whether they already hold the policy's most tokens.
    /// </summary>
    public static async Task<bool> LockOwnerAtCapAsync(TokensDbContext db, string ownerId, EffectivePolicy policy, CancellationToken ct)
    {
        await db.Users.Where(u => u.Id == ownerId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.ConcurrencyStamp, u => u.ConcurrencyStamp), ct);
        return await db.Set<ApiToken>().CountAsync(t => t.OwnerId == ownerId, ct) >= policy.MaxPerUser;
    }

    /// <summary>A new token and its plain code; <paramref name="timeoutDays"/> never beyond the policy's maximum.</summary>
    public static (ApiToken Token, string Code) Make(
        string ownerId, string description, int timeoutDays, DateTimeOffset now, EffectivePolicy policy, IDataProtector protector)
    {
        var days = Math.Min(timeoutDays, policy.MaxTimeoutDays);
        var code = TokenCode.Generate();
        var token = new ApiToken
        {
            Id = Guid.CreateVersion7(now),
            OwnerId = ownerId,
            Description = description,
            CreatedAt = now,
            ExpiresAt = now.AddDays(days),
            NoticeDueAt = ExpiryThresholds.FirstDue(now, now.AddDays(days)),
            TimeoutDays = days,
            Digest = TokenCode.Digest(code),
            ProtectedCode = protector.Protect(code),
            Version = Guid.NewGuid(),
        };
        return (token, code);
    }
}
