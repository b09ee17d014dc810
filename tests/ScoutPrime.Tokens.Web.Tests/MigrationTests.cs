using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Both providers' migrations match the model; SQL Server's script has the indexes the API needs.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void Sqlite_migrations_match_the_model()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges());
        Assert.All(db.Database.GetMigrations(), m => Assert.Contains("_", m));
    }

    [Fact]
    public void SqlServer_migrations_match_the_model_and_the_idempotent_script_has_the_indexes()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges());
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Assert.Contains("CREATE UNIQUE INDEX [IX_ApiTokens_Digest] ON [ApiTokens] ([Digest])", script);
        Assert.Contains("CREATE INDEX [IX_ApiTokens_OwnerId_CreatedAt] ON [ApiTokens] ([OwnerId], [CreatedAt])", script);
        Assert.Contains("IF NOT EXISTS", script);
    }

    [Fact]
    public void Each_provider_only_sees_its_own_migrations()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var sqlServer = new SqlServerDesignTimeFactory().CreateDbContext([]);

        var sqliteMigrations = sqlite.GetService<IMigrationsAssembly>().Migrations.Values;
        var sqlServerMigrations = sqlServer.GetService<IMigrationsAssembly>().Migrations.Values;

        Assert.All(sqliteMigrations, t => Assert.EndsWith(".Migrations.Sqlite", t.Namespace));
        Assert.All(sqlServerMigrations, t => Assert.EndsWith(".Migrations.SqlServer", t.Namespace));
    }
}
