using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Validation;

namespace ScoutPrime.Tokens.Web.Tests.Infrastructure;

/// <summary>
/// The real application over its own SQLite file (migrated at start-up as in production),
/// with a clock the test moves and every log record kept.
/// </summary>
/// <remarks>
/// A test class takes it one way: <c>(TokensAppFactory app) : IClassFixture&lt;TokensAppFactory&gt;</c>, one
/// application and database per class, as Costello's shared fixture does: a start (migrations, seeding, a password
/// hash) costs more than most tests, and tests stay apart by signing in new users of their own. A test that needs
/// settings of its own or a database whose contents it counts takes <see cref="Dedicated"/>; a restart or a second
/// instance, <see cref="OnDatabase"/>.
/// </remarks>
public sealed class TokensAppFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = TestUsers.AdminEmail;
    public const string Password = TestUsers.Password;

    private readonly bool _ownsDatabase;
    private readonly Dictionary<string, string?> _settings = [];
    private readonly List<Action<IServiceCollection>> _services = [];
    private string _environment = "Testing";

    /// <summary>A test class's shared application (see the remarks); tests name <see cref="Dedicated"/> instead.</summary>
    public TokensAppFactory()
        : this(Path.Combine(Path.GetTempPath(), $"scoutprime-tests-{Guid.NewGuid():N}.db"), ownsDatabase: true)
    {
    }

    private TokensAppFactory(string databasePath, bool ownsDatabase)
    {
        DatabasePath = databasePath;
        _ownsDatabase = ownsDatabase;
    }

    public string DatabasePath { get; }

    /// <summary>An application of the test's own, over a database of its own: for settings, or rows it counts.</summary>
    public static TokensAppFactory Dedicated() => new();

    /// <summary>An application over a database file the caller keeps: for restarts, or a second instance.</summary>
    public static TokensAppFactory OnDatabase(string path) => new(path, ownsDatabase: false);

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));

    /// <summary>
    /// Every log record the application writes, of every level its Logging configuration lets through (as a
    /// production log would: Microsoft.AspNetCore and EF Core from Warning). <c>Logs.Lines</c> formats them.
    /// </summary>
    public FakeLogCollector Logs { get; } = new();

    /// <summary>Every SQL command the application has sent.</summary>
    public DbCommandCounter Commands { get; } = new();

    /// <summary>The application's memory cache, counting reads.</summary>
    public CacheLookupCounter CacheLookups { get; } = new();

    /// <summary>Counts the API's database lookups (validation-cache misses) from now on, on any path to the database.</summary>
    public MetricCollector<long> CountDatabaseLookups() =>
        new(Services.GetRequiredService<IMeterFactory>(), TokenMetrics.MeterName, TokenMetrics.DatabaseLookupsName);

    /// <summary>Configuration to set before the first request, e.g. <c>Tokens:MaxTimeoutDays</c>.</summary>
    public TokensAppFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Services to add or replace before the first request, e.g. a subscriber that records what it hears.</summary>
    public TokensAppFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    public TokensAppFactory InEnvironment(string environment)
    {
        _environment = environment;
        return this;
    }

    /// <summary>A browser of its own, from its own client address (as different people's browsers are), so the
    /// per-address sign-in limit is only met by tests that mean to meet it.</summary>
    public BrowserClient CreateBrowser(string? clientAddress = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, clientAddress ?? TestClientAddress.Next());
        return new BrowserClient(client);
    }

    /// <summary>A client without cookies, as a script calling the API is, from its own client address.</summary>
    public HttpClient CreateApiClient(string? clientAddress = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, clientAddress ?? TestClientAddress.Next());
        return client;
    }

    /// <summary>A browser signed in as a new user who is in the given roles.</summary>
    public async Task<(BrowserClient Browser, AppUser User)> SignInNewUserAsync(params string[] roles)
    {
        var user = await CreateUserAsync($"user-{Guid.NewGuid():N}@example.com", roles);
        var browser = CreateBrowser();
        await browser.SignInAsync(user.Email!, Password);
        return (browser, user);
    }

    public Task<(BrowserClient Browser, AppUser User)> SignInMemberAsync() => SignInNewUserAsync(Roles.ApiTokensGroup);

    public Task<AppUser> CreateUserAsync(string email, params string[] roles) => Services.CreateUserAsync(email, roles);

    /// <summary>Runs a query against the application's database, outside any request.</summary>
    public async Task<T> WithDbAsync<T>(Func<TokensDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TokensDbContext>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("ConnectionStrings:Tokens", $"Data Source={DatabasePath}");
        builder.UseSetting("Seed:AdminEmail", AdminEmail);
        builder.UseSetting("Seed:AdminPassword", Password);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(new FakeLoggerProvider(Logs)).SetMinimumLevel(LogLevel.Debug));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<IMemoryCache>(CacheLookups);
            services.AddSingleton<IStartupFilter, TestClientAddress>();
            services.ConfigureDbContext<SqliteTokensDbContext>(o => o.AddInterceptors(Commands));
            _services.ForEach(configure => configure(services));
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            CacheLookups.Dispose();
        }

        if (disposing && _ownsDatabase)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-shm", "-wal" })
            {
                File.Delete(DatabasePath + suffix);
            }
        }
    }
}
