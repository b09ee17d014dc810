using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ScoutPrime.Tokens.Web.Data;

// `dotnet ef` picks the provider from the context it is asked for, never from configuration,
// so a migration can only ever be generated for the provider whose folder it lands in.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTokensDbContext>
{
    public SqliteTokensDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteTokensDbContext>().UseSqlite("Data Source=design-time.db")
            .UseApplicationServiceProvider(IdentitySchema.DesignTimeServices).Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerTokensDbContext>
{
    public SqlServerTokensDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerTokensDbContext>()
            .UseSqlServer("Server=(local);Database=ScoutPrimeTokens;Trusted_Connection=True;TrustServerCertificate=True")
            .UseApplicationServiceProvider(IdentitySchema.DesignTimeServices)
            .Options);
}

/// <summary>
/// Which of Identity's table layouts the database has. Identity's context reads it from the application's
/// IdentityOptions, which `dotnet ef` does not build: the design-time factories hand it the same value.
/// </summary>
public static class IdentitySchema
{
    /// <summary>Version 3: with the passkeys table.</summary>
    public static readonly Version Version = IdentitySchemaVersions.Version3;

    internal static IServiceProvider DesignTimeServices { get; } = new ServiceCollection()
        .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = Version)
        .BuildServiceProvider();
}
