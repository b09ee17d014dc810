using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Notices;

/// <summary>
/// One expiry notice given, unique per token × threshold × expiry date: a second instance, or a restart, cannot give
/// it twice; an edit that moves the expiry starts a fresh set (the re-arm).
/// </summary>
public sealed class ExpiryNotice
{
    public long Id { get; set; }

    public Guid TokenId { get; set; }

    public int ThresholdDays { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>False when the owner had opted out of this threshold: recorded, not mailed.</summary>
    public bool Mailed { get; set; }
}

/// <summary>A security notice for a user; <see cref="DigestDueAt"/> is set while it waits for the daily digest.</summary>
public sealed class SecurityNotice
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Subject { get; set; }

    public required string Text { get; set; }

    public DateTimeOffset? DigestDueAt { get; set; }
}

/// <summary>A user's choice about the notices that may be turned off (only the 30-day one).</summary>
public sealed class NoticePreference
{
    public required string UserId { get; set; }

    public bool ThirtyDayNotice { get; set; } = true;
}

internal sealed class NoticeRecordsConfiguration :
    IEntityTypeConfiguration<ExpiryNotice>, IEntityTypeConfiguration<SecurityNotice>, IEntityTypeConfiguration<NoticePreference>
{
    public void Configure(EntityTypeBuilder<ExpiryNotice> notice)
    {
        notice.ToTable("ExpiryNotices");
        notice.HasIndex(n => new { n.TokenId, n.ThresholdDays, n.ExpiresAt }).IsUnique();
        notice.HasOne<ApiToken>().WithMany().HasForeignKey(n => n.TokenId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<SecurityNotice> notice)
    {
        notice.ToTable("SecurityNotices");
        notice.Property(n => n.UserId).HasMaxLength(450);
        notice.Property(n => n.Subject).HasMaxLength(300);
        notice.Property(n => n.Text).HasMaxLength(1000);
        notice.HasIndex(n => new { n.UserId, n.At });
        notice.HasIndex(n => n.DigestDueAt);
        notice.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<NoticePreference> preference)
    {
        preference.ToTable("NoticePreferences");
        preference.HasKey(p => p.UserId);
        preference.Property(p => p.UserId).HasMaxLength(450);
        preference.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
