using Microsoft.EntityFrameworkCore;

namespace ScoutPrime.Tokens.Web.Data;

public static class DatabaseInitializer
{
    /// <summary>
    /// SQLite (the embedded default) is created and migrated at start-up. SQL Server is never migrated
    /// behind an operator's back: run the application with the <c>migrate</c> argument, or the idempotent script.
    /// </summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TokensDbContext>();
        if (db.Database.IsSqlite())
        {
            await db.CreateAndMigrateAsync();
        }
    }

    /// <summary>Applies the migrations of the configured provider, for <c>dotnet ScoutPrime.Tokens.Web.dll migrate</c>.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TokensDbContext>().CreateAndMigrateAsync();
    }

    /// <summary>
    /// Migrates, first creating a SQLite file that is not there: the application opens its file without the create
    /// flag (<see cref="SqliteDatabaseFile"/>), so this is the one place that makes it, owner-only, in the WAL mode
    /// EF Core would have set.
    /// </summary>
    public static async Task CreateAndMigrateAsync(this TokensDbContext db)
    {
        if (db.Database.IsSqlite()
            && SqliteDatabaseFile.PathOf(db.Database.GetConnectionString()!) is { } path
            && SqliteDatabaseFile.CreateIfMissing(path))
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = 'wal';");
        }

        await db.Database.MigrateAsync();
    }
}
