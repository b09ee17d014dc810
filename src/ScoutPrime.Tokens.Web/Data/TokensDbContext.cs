using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ScoutPrime.Tokens.Web.Data;

/// <summary>
/// The application's one database: Identity, API tokens, the audit trail and the Data Protection keys
/// (kept here so that every instance, and every restart, can still reveal every token).
/// Each provider has its own subclass so that each keeps its own migrations. The features' entity sets are theirs
/// (<c>db.Tokens</c> in Tokens/, <c>db.AuditEntries</c> in Audit/), so this folder names no feature.
/// </summary>
public abstract class TokensDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(TokensDbContext).Assembly);
    }
}

public sealed class SqliteTokensDbContext(DbContextOptions<SqliteTokensDbContext> options) : TokensDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset values stored as text; store them as sortable integers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class SqlServerTokensDbContext(DbContextOptions<SqlServerTokensDbContext> options) : TokensDbContext(options);
