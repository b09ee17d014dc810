using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ScoutPrime.Tokens.Web.Settings;

public enum RevealPolicy
{
    /// <summary>The help article's behaviour: Show works again and again.</summary>
    Always,

    /// <summary>Show works once per token: the first display is the only one (see <see cref="Tokens.ApiToken.FirstRevealedAt"/>).</summary>
    Once,
}

/// <summary>
/// The administrators' token policies, one row (id 1) once an administrator has saved the Settings screen; until
/// then the configuration's defaults apply (<see cref="TokenPolicyStore"/>).
/// </summary>
public sealed class TokenPolicy
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public int MaxTimeoutDays { get; set; }

    public int MaxPerUser { get; set; }

    /// <summary>Null: off. Otherwise a token unused for this many days (counted from its creation if never used) is revoked.</summary>
    public int? IdleRevocationDays { get; set; }

    public RevealPolicy Reveal { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }
}

/// <summary>The policies in force: the saved row, or the configuration's defaults.</summary>
public sealed record EffectivePolicy(int MaxTimeoutDays, int MaxPerUser, int? IdleRevocationDays, RevealPolicy Reveal);

internal sealed class TokenPolicyConfiguration : IEntityTypeConfiguration<TokenPolicy>
{
    public void Configure(EntityTypeBuilder<TokenPolicy> policy)
    {
        policy.ToTable("TokenPolicies");
        policy.Property(p => p.Id).ValueGeneratedNever();
        policy.Property(p => p.UpdatedBy).HasMaxLength(450);
    }
}
