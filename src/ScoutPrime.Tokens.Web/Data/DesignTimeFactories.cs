using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ScoutPrime.Tokens.Web.Data;

// `dotnet ef` picks the provider from the context it is asked for, never from configuration,
// so a migration can only ever be generated for the provider whose folder it lands in.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTokensDbContext>
{
    public SqliteTokensDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteTokensDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerTokensDbContext>
{
    public SqlServerTokensDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerTokensDbContext>()
            .UseSqlServer("Server=(local);Database=ScoutPrimeTokens;Trusted_Connection=True;TrustServerCertificate=True")
            .Options);
}
