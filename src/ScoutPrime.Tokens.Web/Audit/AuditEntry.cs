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

    /// <summary>An administrator deleted someone else's token, e.g. because it leaked.</summary>
    public const string TokenDeletedByAdministrator = "token.deleted-by-admin";
    public const string GroupMemberAdded = "group.member-added";
    public const string GroupMemberRemoved = "group.member-removed";
    public const string AdministratorGranted = "admin.granted";
    public const string AdministratorRevoked = "admin.revoked";

    /// <summary>Every session of the user ended: by an administrator, or by the user ("Sign out everywhere").</summary>
    public const string SessionsEnded = "sessions.ended";

    /// <summary>The user added, renamed or removed one of their passkeys (Detail: its name).</summary>
    public const string PasskeyAdded = "passkey.added";
    public const string PasskeyRenamed = "passkey.renamed";
    public const string PasskeyRemoved = "passkey.removed";
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
