using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.Audit;

/// <summary>Who did what to whom, and when. Never holds a token code.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string ActorId { get; set; }

    public required string Action { get; set; }

    /// <summary>The user the action was about (the token's owner, or the user whose membership changed).</summary>
    public required string SubjectUserId { get; set; }

    public Guid? TokenId { get; set; }

    public string? Detail { get; set; }
}

public static class AuditActions
{
    public const string TokenCreated = "token.created";
    public const string TokenRevealed = "token.revealed";
    public const string TokenUpdated = "token.updated";
    public const string TokenDeleted = "token.deleted";
    public const string TokenRotated = "token.rotated";
    public const string TokenSuspended = "token.suspended";
    public const string TokenResumed = "token.resumed";

    /// <summary>An administrator deleted someone else's token, e.g. because it leaked.</summary>
    public const string TokenDeletedByAdministrator = "token.deleted-by-admin";

    /// <summary>The token's code was reported to the leak endpoint and the token deleted (LeakReports/).</summary>
    public const string TokenRevokedByLeakReport = "token.revoked-leak-report";
    /// <summary>An administrator revoked the token in a bulk revoke; the detail gives its description and the reason.</summary>
    public const string TokenRevokedByAdministrator = "token.revoked-by-admin";
    /// <summary>The idle-revocation policy revoked a token nobody had used for its days.</summary>
    public const string TokenRevokedIdle = "token.revoked-idle";

    /// <summary>Lowering the maximum timeout shortened the token to expire at the new maximum.</summary>
    public const string TokenShortenedByPolicy = "token.shortened-by-policy";

    /// <summary>An administrator saved the token policies; the detail lists what changed.</summary>
    public const string PoliciesChanged = "policies.changed";
    public const string GroupMemberAdded = "group.member-added";
    public const string GroupMemberRemoved = "group.member-removed";
    public const string AdministratorGranted = "admin.granted";
    public const string AdministratorRevoked = "admin.revoked";

    /// <summary>Every session of the user ended: by an administrator, or by the user ("Sign out everywhere").</summary>
    public const string SessionsEnded = "sessions.ended";

    /// <summary>An administrator registered or removed a service allowed to introspect tokens; the administrator is the subject.</summary>
    public const string ResourceServerCreated = "resource-server.created";
    public const string ResourceServerDeleted = "resource-server.deleted";

    /// <summary>The user proved who they are again (password, and code with two-factor on) before a reveal.</summary>
    public const string IdentityProved = "identity.proved";

    /// <summary>A wrong password or code on the proof page.</summary>
    public const string IdentityProofFailed = "identity.proof-failed";

    /// <summary>The user added, renamed or removed one of their passkeys (Detail: its name).</summary>
    public const string PasskeyAdded = "passkey.added";
    public const string PasskeyRenamed = "passkey.renamed";
    public const string PasskeyRemoved = "passkey.removed";
}

/// <summary>Actors that are not users: the application acting on a policy an administrator set.</summary>
public static class AuditActors
{
    public const string Policy = "policy";
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("AuditEntries");
        entry.Property(e => e.ActorId).HasMaxLength(450);
        entry.Property(e => e.SubjectUserId).HasMaxLength(450);
        entry.Property(e => e.Action).HasMaxLength(64);
        entry.Property(e => e.Detail).HasMaxLength(400);
        entry.HasIndex(e => new { e.SubjectUserId, e.At });
    }
}

public static class AuditData
{
    extension(TokensDbContext db)
    {
        /// <summary>The audit trail: appended to by the services that change things, read by the administrators' screens.</summary>
        public DbSet<AuditEntry> AuditEntries => db.Set<AuditEntry>();
    }
}
