using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Identity;

namespace ScoutPrime.Tokens.Web.Data;

public static partial class DatabaseInitializer
{
    /// <summary>
    /// SQLite (the embedded default) is created and migrated at start-up. SQL Server is never migrated
    /// behind an operator's back: run the application with the <c>migrate</c> argument, or the idempotent script.
    /// Then the roles and, on an empty database, the administrator are made.
    /// </summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TokensDbContext>();
        if (db.Database.IsSqlite())
        {
            await db.CreateAndMigrateAsync();
        }

        var password = await scope.ServiceProvider.GetRequiredService<AdminSeeder>().SeedAsync();
        var email = app.Configuration[$"{SeedOptions.Section}:{nameof(SeedOptions.AdminEmail)}"] ?? new SeedOptions().AdminEmail;
        app.Lifetime.ApplicationStarted.Register(() => AnnounceSignIn(app, email, password));
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

    private static void AnnounceSignIn(WebApplication app, string email, string? generatedPassword)
    {
        var url = app.Urls.FirstOrDefault()?.Replace("0.0.0.0", "localhost", StringComparison.Ordinal) ?? "http://localhost:5000";
        var signIn = url.TrimEnd('/') + AuthExtensions.LoginPath;
        LogSignIn(app.Logger, signIn);
        if (generatedPassword is not null)
        {
            // Straight to the console, never to a log sink: the password must not be stored anywhere.
            Console.WriteLine();
            Console.WriteLine("  ScoutPrime.Tokens: the first administrator was created.");
            Console.WriteLine($"    Open      {signIn}");
            Console.WriteLine($"    Email     {email}");
            Console.WriteLine($"    Password  {generatedPassword}");
            Console.WriteLine("  This password is shown only once; change it after signing in.");
            Console.WriteLine();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign in at {SignInUrl}")]
    private static partial void LogSignIn(ILogger logger, string signInUrl);
}
