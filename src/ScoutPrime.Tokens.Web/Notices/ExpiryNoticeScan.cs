using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Notices;

/// <summary>
/// Gives the expiry notices that are due: one indexed query for the tokens whose <c>NoticeDueAt</c> has come, then
/// per token one transaction that moves <c>NoticeDueAt</c> on only if it still holds the value read (the claim: on
/// several instances exactly one wins), records the <see cref="ExpiryNotice"/> (unique per token × threshold ×
/// expiry) and queues the mail.
/// </summary>
public sealed partial class ExpiryNoticeScan(TokensDbContext db, NoticeMail mail, TimeProvider time, ILogger<ExpiryNoticeScan> logger)
{
    private const int Batch = 200;

    private sealed record Due(Guid Id, string Description, DateTimeOffset ExpiresAt, DateTimeOffset DueAt, string? Email, bool? ThirtyDays);

    /// <summary>The query the scan runs each minute, also measured at a million tokens (docs/performance.md).</summary>
    public static IQueryable<ApiToken> DueTokens(TokensDbContext db, DateTimeOffset now) =>
        db.Set<ApiToken>().Where(t => t.NoticeDueAt != null && t.NoticeDueAt <= now).OrderBy(t => t.NoticeDueAt).Take(Batch);

    /// <returns>How many notices were given (mailed or, when opted out, recorded).</returns>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var due = await (
            from t in DueTokens(db, now)
            join u in db.Users on t.OwnerId equals u.Id
            join p in db.NoticePreferences on t.OwnerId equals p.UserId into preferences
            from p in preferences.DefaultIfEmpty()
            select new Due(t.Id, t.Description, t.ExpiresAt, t.NoticeDueAt!.Value, u.Email, p == null ? null : p.ThirtyDayNotice))
            .AsNoTracking().ToListAsync(ct);
        var given = 0;
        foreach (var token in due)
        {
            given += await GiveAsync(token, now, ct) ? 1 : 0;
        }

        return given;
    }

    private async Task<bool> GiveAsync(Due token, DateTimeOffset now, CancellationToken ct)
    {
        var (days, next) = ExpiryThresholds.Due(token.ExpiresAt, now);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Set<ApiToken>().Where(t => t.Id == token.Id && t.NoticeDueAt == token.DueAt)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.NoticeDueAt, next), ct);
        if (claimed == 0)
        {
            return false; // another instance gave it, or the token was edited or deleted meanwhile
        }

        if (days is not { } threshold)
        {
            await transaction.CommitAsync(ct);
            return false; // nothing due yet, or only a stale notice: rescheduled without a word
        }

        var mailed = token.Email is not null && (threshold != 30 || token.ThirtyDays != false);
        db.ExpiryNotices.Add(new ExpiryNotice { TokenId = token.Id, ThresholdDays = threshold, ExpiresAt = token.ExpiresAt, At = now, Mailed = mailed });
        if (mailed)
        {
            Outbox.Enqueue(db, token.Email!, mail.Expiry(token.Id, token.Description, token.ExpiresAt, threshold), now);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique record says it was given already: the notice stands, this attempt does not.
            db.ChangeTracker.Clear();
            LogAlreadyGiven(logger, token.Id, threshold);
            return false;
        }

        LogGiven(logger, token.Id, threshold, mailed);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expiry notice for token {TokenId} at {Days} days given (mailed: {Mailed})")]
    private static partial void LogGiven(ILogger logger, Guid tokenId, int days, bool mailed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Expiry notice for token {TokenId} at {Days} days was already given")]
    private static partial void LogAlreadyGiven(ILogger logger, Guid tokenId, int days);
}
