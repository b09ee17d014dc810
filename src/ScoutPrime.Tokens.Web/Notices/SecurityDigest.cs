using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.Notices;

/// <summary>
/// Sends each user's held security notices as one mail once their digest is due. Per user, one transaction clears
/// exactly the notices it read (a conditional UPDATE): on several instances exactly one sends the digest.
/// </summary>
public sealed partial class SecurityDigest(TokensDbContext db, NoticeMail mail, TimeProvider time, ILogger<SecurityDigest> logger)
{
    /// <returns>How many digests were queued.</returns>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var users = await db.SecurityNotices.AsNoTracking().Where(n => n.DigestDueAt <= now)
            .Select(n => n.UserId).Distinct().OrderBy(u => u).Take(100).ToListAsync(ct);
        var queued = 0;
        foreach (var userId in users)
        {
            queued += await SendAsync(userId, now, ct) ? 1 : 0;
        }

        return queued;
    }

    private async Task<bool> SendAsync(string userId, DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var held = await db.SecurityNotices.AsNoTracking().Where(n => n.UserId == userId && n.DigestDueAt != null)
            .OrderBy(n => n.At).ThenBy(n => n.Id).ToListAsync(ct);
        var ids = held.Select(n => n.Id).ToList();
        var cleared = await db.SecurityNotices.Where(n => ids.Contains(n.Id) && n.DigestDueAt != null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.DigestDueAt, (DateTimeOffset?)null), ct);
        var email = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(ct);
        if (cleared != ids.Count || cleared == 0 || email is null)
        {
            return false; // another instance sent it (the transaction rolls back on dispose)
        }

        Outbox.Enqueue(db, email, mail.Digest(held), now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        LogDigest(logger, userId, held.Count);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Security digest of {Count} notices queued for {UserId}")]
    private static partial void LogDigest(ILogger logger, string userId, int count);
}
