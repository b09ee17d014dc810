using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Usage;

/// <summary>
/// One client address a token was used from: the address as the forwarded-headers rules see it, the user agent of
/// the call that last wrote the row, and an approximate call count (see <see cref="UsageTracker"/>).
/// A token keeps its <see cref="MaxAddresses"/> most recently seen addresses, none unseen for <see cref="Retention"/>.
/// </summary>
public sealed class TokenUsage
{
    public const int MaxAddresses = 10;
    public const int AddressMaxLength = 64;
    public const int UserAgentMaxLength = 256;
    public static readonly TimeSpan Retention = TimeSpan.FromDays(90);

    public long Id { get; set; }
    public Guid TokenId { get; set; }
    public string Address { get; set; } = "";
    public string? UserAgent { get; set; }
    public DateTimeOffset FirstSeen { get; set; }
    public DateTimeOffset LastSeen { get; set; }
    public long Calls { get; set; }

    public static string? Truncate(string? userAgent) =>
        string.IsNullOrEmpty(userAgent) ? null
        : userAgent.Length <= UserAgentMaxLength ? userAgent
        : userAgent[..UserAgentMaxLength];
}

internal sealed class TokenUsageConfiguration : IEntityTypeConfiguration<TokenUsage>
{
    public void Configure(EntityTypeBuilder<TokenUsage> usage)
    {
        usage.ToTable("TokenUsages");
        usage.Property(u => u.Address).HasMaxLength(TokenUsage.AddressMaxLength);
        usage.Property(u => u.UserAgent).HasMaxLength(TokenUsage.UserAgentMaxLength);
        usage.HasIndex(u => new { u.TokenId, u.Address }).IsUnique();
        // The 90-day prune reads only the rows that are due.
        usage.HasIndex(u => u.LastSeen);
        usage.HasOne<ApiToken>().WithMany().HasForeignKey(u => u.TokenId).OnDelete(DeleteBehavior.Cascade);
    }
}
