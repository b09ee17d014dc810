using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.Security;

/// <summary>Proofs of identity in the audit trail: who, when, and from which address, succeeded or not.</summary>
public sealed class SecurityAudit(TokensDbContext db, TimeProvider time)
{
    /// <summary>"from 203.0.113.7": the address the request came from, as the forwarded-headers setting resolved it.</summary>
    public static string From(HttpContext context) => "from " + (context.Connection.RemoteIpAddress?.ToString() ?? "an unknown address");

    public async Task RecordProofAsync(string userId, bool succeeded, string how, HttpContext context)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            ActorId = userId,
            SubjectUserId = userId,
            Action = succeeded ? AuditActions.IdentityProved : AuditActions.IdentityProofFailed,
            Detail = $"{how} {From(context)}",
        });
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
