using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ScoutPrime.Tokens.Web.Identity;

/// <summary>
/// A sign-in session that was logged out: its cookie, or any copy of it, no longer authenticates on any
/// instance. Kept until the cookie would have expired anyway, then pruned.
/// </summary>
public sealed class EndedSession
{
    public const int IdLength = 22; // 128 random bits, base64url

    public required string Id { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class EndedSessionConfiguration : IEntityTypeConfiguration<EndedSession>
{
    public void Configure(EntityTypeBuilder<EndedSession> session)
    {
        session.ToTable("EndedSessions");
        session.Property(s => s.Id).HasMaxLength(EndedSession.IdLength).IsUnicode(false);
        session.HasIndex(s => s.ExpiresAt);
    }
}
