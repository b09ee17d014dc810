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

    /// <summary>When the token was suspended (refused until resumed; its expiry keeps running); null while not suspended.</summary>
    public DateTimeOffset? SuspendedAt { get; set; }

    /// <summary>Who suspended it: the owner or an administrator.</summary>
    public string? SuspendedById { get; set; }

    /// <summary>The token that replaced this one by rotation; null until rotated. Unique: one rotation per token wins.</summary>
    public Guid? ReplacedById { get; set; }

    /// <summary>When a rotated token stops working (its overlap's end); null until rotated.</summary>
    public DateTimeOffset? ReplacedUntil { get; set; }

    /// <summary>The overlap ends at the successor's first successful call, <see cref="ReplacedUntil"/> being its cap.</summary>
    public bool ReplacedUntilFirstUse { get; set; }

    /// <summary>On a successor: the token it replaced, whose overlap its first use ends.</summary>
    public Guid? ReplacesId { get; set; }

    /// <summary>On a successor made by self-rotation: the caller's Idempotency-Key, so a retry gets this token again.</summary>
    public string? RotationKey { get; set; }
    /// <summary>When Show first displayed the code; under the "shown once" reveal policy, Show refuses once it is set.</summary>
    public DateTimeOffset? FirstRevealedAt { get; set; }
    /// <summary>When the next expiry notice falls due (Notices/ExpiryThresholds); null once the last was sent.</summary>
    public DateTimeOffset? NoticeDueAt { get; set; }

    /// <summary>Changes on every save, so two people editing at once cannot overwrite each other.</summary>
    public Guid Version { get; set; }

    public bool IsExpired(DateTimeOffset now) => TokenExpiry.IsExpired(ExpiresAt, now);

    public bool IsReplaced => ReplacedById is not null;
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public const int DescriptionMaxLength = 200;
    public const int RotationKeyMaxLength = 100;

    public void Configure(EntityTypeBuilder<ApiToken> token)
    {
        token.ToTable("ApiTokens");
        token.Property(t => t.OwnerId).HasMaxLength(450);
        token.Property(t => t.Description).HasMaxLength(DescriptionMaxLength);
        token.Property(t => t.Digest).HasMaxLength(32);
        token.Property(t => t.ProtectedCode).HasMaxLength(1000);
        token.Property(t => t.Version).IsConcurrencyToken();
        token.Property(t => t.SuspendedById).HasMaxLength(450);
        token.Property(t => t.RotationKey).HasMaxLength(RotationKeyMaxLength);

        token.HasIndex(t => t.Digest).IsUnique();
        token.HasIndex(t => new { t.OwnerId, t.CreatedAt });
        // Two rotations of one token racing (on two instances): the second successor cannot be inserted.
        token.HasIndex(t => t.ReplacesId).IsUnique();
        // The administrators' inventory counts, filters and sorts every user's tokens by these.
        token.HasIndex(t => t.CreatedAt);
        token.HasIndex(t => t.ExpiresAt);
        token.HasIndex(t => t.LastUsedAt);
        // The expiry notices' one query each minute reads only the tokens that are due, never the whole table.
        token.HasIndex(t => t.NoticeDueAt);
        token.HasOne<AppUser>().WithMany().HasForeignKey(t => t.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
