using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.ResourceServers;

/// <summary>
/// A service allowed to introspect tokens (RFC 7662), created by an administrator. The secret is never stored:
/// only its SHA-256 digest, enough because the secret is 256 random bits, so nothing is gained by a slow hash.
/// </summary>
public sealed class ResourceServer
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The OAuth client id the server authenticates with: generated, public, unique.</summary>
    public required string ClientId { get; set; }

    public required byte[] SecretDigest { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The administrator who created it (kept as an id: the account may be deleted later).</summary>
    public required string CreatedById { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}

internal sealed class ResourceServerConfiguration : IEntityTypeConfiguration<ResourceServer>
{
    public void Configure(EntityTypeBuilder<ResourceServer> server)
    {
        server.ToTable("ResourceServers");
        server.Property(s => s.Name).HasMaxLength(ResourceServerForm.NameMaxLength);
        server.Property(s => s.ClientId).HasMaxLength(ResourceServerSecrets.ClientIdLength);
        server.Property(s => s.SecretDigest).HasMaxLength(32);
        server.Property(s => s.CreatedById).HasMaxLength(450);
        server.HasIndex(s => s.ClientId).IsUnique();
    }
}

public static class ResourceServerData
{
    extension(TokensDbContext db)
    {
        /// <summary>The resource servers allowed to introspect tokens.</summary>
        public DbSet<ResourceServer> ResourceServers => db.Set<ResourceServer>();
    }
}
