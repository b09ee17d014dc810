using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.Revocation;

/// <summary>
/// One change that may have made tokens unusable, in the order the database numbered it: every instance reads the rows
/// after the last it saw (<see cref="RevocationFeedPoller"/>) and forgets what it trusted about that owner. Kept for a
/// day (<see cref="RevocationFeedPoller.Retention"/>), far beyond any instance's polling and any cache lifetime.
/// </summary>
public sealed class RevocationFeedEntry
{
    public const int ReasonLength = 64;

    /// <summary>Assigned by the database (AUTOINCREMENT on SQLite, IDENTITY on SQL Server), never reused after a prune.</summary>
    public long Seq { get; set; }

    /// <summary>Whose tokens to forget: always set, since every change names an owner.</summary>
    public required string OwnerId { get; set; }

    /// <summary>The one token concerned, when the change was about one token; null for a change of the owner's standing.</summary>
    public Guid? TokenId { get; set; }

    /// <summary>What happened, e.g. <c>token.deleted</c> or <c>owner.membership</c> (<see cref="RevocationReasons"/>).</summary>
    public required string Reason { get; set; }

    public DateTimeOffset At { get; set; }
}

internal sealed class RevocationFeedEntryConfiguration : IEntityTypeConfiguration<RevocationFeedEntry>
{
    public void Configure(EntityTypeBuilder<RevocationFeedEntry> entry)
    {
        entry.ToTable("RevocationFeed");
        entry.HasKey(e => e.Seq);
        entry.Property(e => e.Seq).ValueGeneratedOnAdd();
        entry.Property(e => e.OwnerId).HasMaxLength(450);
        entry.Property(e => e.Reason).HasMaxLength(RevocationFeedEntry.ReasonLength).IsUnicode(false);
        // The poll reads by the key (Seq > last); the prune deletes by age.
        entry.HasIndex(e => e.At);
    }
}

public static class RevocationData
{
    extension(TokensDbContext db)
    {
        public DbSet<RevocationFeedEntry> RevocationFeed => db.Set<RevocationFeedEntry>();
    }
}
