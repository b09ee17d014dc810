using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Tokens;
using ScoutPrime.Tokens.Web.TokenState;

namespace ScoutPrime.Tokens.Web.LeakReports;

/// <summary>
/// Revokes reported codes by deleting their tokens. Deletion, not a "revoked" status: a leaked code must never work
/// again, and a deleted token's digest matches nothing, with no status for every reader (the API's lookup, the
/// screens, the counts) to remember to check. The owner's history keeps what it was (description, who reported it),
/// and <see cref="TokenRevokedByLeakReport"/> tells the cache, the revocation feed and whatever notifies the owner.
/// </summary>
public sealed partial class LeakReportService(TokensDbContext db, TimeProvider time, TokenStateChanges changes, ILogger<LeakReportService> logger)
{
    /// <summary>The audit trail's actor for a report: no user of ours made it.</summary>
    public const string Actor = "leak-report";

    public async Task RevokeAsync(LeakReportRequest report, string userAgent, CancellationToken ct)
    {
        if (report.Codes.Count == 0)
        {
            return;
        }

        // One indexed lookup per code (the unique index on the digest); the codes were checked for form before.
        var tokens = db.Set<ApiToken>().AsNoTracking();
        var found = new List<(Guid Id, string OwnerId, string Description)>();
        foreach (var code in report.Codes)
        {
            var digest = TokenCode.Digest(code);
            var token = await tokens.Where(t => t.Digest == digest).Select(t => new { t.Id, t.OwnerId, t.Description }).SingleOrDefaultAsync(ct);
            if (token is not null)
            {
                found.Add((token.Id, token.OwnerId, token.Description));
            }
        }

        if (found.Count == 0)
        {
            return;
        }

        var source = Describe(report.Source, userAgent);
        var now = time.GetUtcNow();
        var revoked = new List<(Guid Id, string OwnerId, string Description)>();
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var token in found)
            {
                // A token deleted since the lookup (by its owner, or a second report) is not revoked twice.
                if (await db.Set<ApiToken>().Where(t => t.Id == token.Id).ExecuteDeleteAsync(ct) == 1)
                {
                    revoked.Add(token);
                    db.AuditEntries.Add(new AuditEntry
                    {
                        At = now, ActorId = Actor, SubjectUserId = token.OwnerId, Action = AuditActions.TokenRevokedByLeakReport,
                        TokenId = token.Id, Detail = Truncate($"{token.Description} (reported by {source})", 400),
                    });
                }
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        foreach (var token in revoked)
        {
            changes.Committed(new TokenRevokedByLeakReport(token.OwnerId, token.Id, token.Description, source));
            LogRevoked(logger, token.Id, token.OwnerId, source);
        }
    }

    private static string Describe(string? source, string userAgent) =>
        (string.IsNullOrEmpty(source), string.IsNullOrEmpty(userAgent)) switch
        {
            (false, false) => $"{source}, User-Agent {userAgent}",
            (false, true) => source!,
            (true, false) => $"User-Agent {userAgent}",
            _ => "an anonymous report",
        };

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token {TokenId} of {OwnerId} revoked: its code was reported as leaked by {Source}")]
    private static partial void LogRevoked(ILogger logger, Guid tokenId, string ownerId, string source);
}
