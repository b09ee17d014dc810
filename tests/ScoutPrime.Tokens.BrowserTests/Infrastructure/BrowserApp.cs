using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.BrowserTests.Infrastructure;

/// <summary>
/// The real application on a real Kestrel port, over a SQLite file of its own (one per test class),
/// with a clock the test moves.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>
{
    public const string Password = TestUsers.Password;

    /// <summary>Seeded at start-up into Administrators and the API Tokens Group.</summary>
    public const string AdminEmail = TestUsers.AdminEmail;

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"scoutprime-browser-{Guid.NewGuid():N}.db");

    public BrowserApp()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        // Chromium treats 127.0.0.1 as a secure context, which the clipboard API needs.
        BaseAddress = new Uri(addresses.First().Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    public Uri BaseAddress { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    /// <summary>A new user in the given roles; the address to sign in with.</summary>
    public async Task<string> CreateUserAsync(params string[] roles) =>
        (await Services.CreateUserAsync($"user-{Guid.NewGuid():N}"[..17] + "@example.com", roles)).Email!;

    /// <summary>Users who never sign in (no password, so no slow hashing): enough to fill more than one page of a list.</summary>
    public async Task SeedUsersAsync(string domain, int count)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        for (var i = 0; i < count; i++)
        {
            var email = $"person{i:00}@{domain}";
            Assert.True((await users.CreateAsync(new AppUser { UserName = email, Email = email, EmailConfirmed = true })).Succeeded);
        }
    }

    /// <summary>A token the user made earlier, as the token screens make it (so it is in their history too).</summary>
    public async Task CreateTokenAsync(string email, string description, int timeoutDays)
    {
        await using var scope = Services.CreateAsyncScope();
        var owner = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        await scope.ServiceProvider.GetRequiredService<TokenService>().CreateAsync(owner!.Id, description, timeoutDays, CancellationToken.None);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Static web assets (wwwroot/lib, Identity UI files) are wired up by default only in Development.
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:Tokens", $"Data Source={_databasePath}");
        builder.UseSetting("Seed:AdminEmail", AdminEmail);
        builder.UseSetting("Seed:AdminPassword", Password);
        // Every browser here signs in from 127.0.0.1, more often than one person would; the limit has its own tests.
        builder.UseSetting("Identity:SignInAttemptsPerMinute", "1000");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-shm", "-wal" })
            {
                File.Delete(_databasePath + suffix);
            }
        }
    }
}
