using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.Tokens;

/// <summary>
/// An API token. The plain code is never stored: <see cref="Digest"/> (SHA-256) finds it on an API call,
/// <see cref="ProtectedCode"/> (Data Protection) lets its owner reveal it again.
/// </summary>
public sealed class ApiToken
{
    public Guid Id { get; set; }

    public required string OwnerId { get; set; }

    public required string Description { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public int TimeoutDays { get; set; }

    public required byte[] Digest { get; set; }

    public required string ProtectedCode { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>When the next expiry notice falls due (Notices/ExpiryThresholds); null once the last was sent.</summary>
    public DateTimeOffset? NoticeDueAt { get; set; }

    /// <summary>Changes on every save, so two people editing at once cannot overwrite each other.</summary>
    public Guid Version { get; set; }

    public bool IsExpired(DateTimeOffset now) => TokenExpiry.IsExpired(ExpiresAt, now);
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public const int DescriptionMaxLength = 200;

    public void Configure(EntityTypeBuilder<ApiToken> token)
    {
        token.ToTable("ApiTokens");
        token.Property(t => t.OwnerId).HasMaxLength(450);
        token.Property(t => t.Description).HasMaxLength(DescriptionMaxLength);
        token.Property(t => t.Digest).HasMaxLength(32);
        token.Property(t => t.ProtectedCode).HasMaxLength(1000);
        token.Property(t => t.Version).IsConcurrencyToken();

        token.HasIndex(t => t.Digest).IsUnique();
        token.HasIndex(t => new { t.OwnerId, t.CreatedAt });
        // The expiry notices' one query each minute reads only the tokens that are due, never the whole table.
        token.HasIndex(t => t.NoticeDueAt);
        token.HasOne<AppUser>().WithMany().HasForeignKey(t => t.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
