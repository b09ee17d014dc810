using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.Notices;

/// <summary>
/// A mail waiting to leave, kept in the database until it is sent or 3 days old, so a restart or a failing server
/// loses nothing. <see cref="NextAttemptAt"/> is null once it is settled (sent or given up).
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    public required string Recipient { get; set; }

    public required string Subject { get; set; }

    public required string Text { get; set; }

    public required string Html { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public DateTimeOffset? GaveUpAt { get; set; }

    /// <summary>The instance sending it now, until <see cref="ClaimedUntil"/>; an expired claim may be taken over.</summary>
    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    public string? LastError { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("OutboxMessages");
        message.Property(m => m.Recipient).HasMaxLength(256);
        message.Property(m => m.Subject).HasMaxLength(300);
        message.Property(m => m.ClaimedBy).HasMaxLength(100);
        message.Property(m => m.LastError).HasMaxLength(500);
        message.HasIndex(m => m.NextAttemptAt);
    }
}

public static class NoticesData
{
    extension(TokensDbContext db)
    {
        public DbSet<OutboxMessage> Outbox => db.Set<OutboxMessage>();

        public DbSet<ExpiryNotice> ExpiryNotices => db.Set<ExpiryNotice>();

        public DbSet<SecurityNotice> SecurityNotices => db.Set<SecurityNotice>();

        public DbSet<NoticePreference> NoticePreferences => db.Set<NoticePreference>();
    }
}
