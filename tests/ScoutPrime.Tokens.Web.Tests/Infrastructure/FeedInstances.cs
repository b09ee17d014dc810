using Microsoft.Data.Sqlite;

namespace ScoutPrime.Tokens.Web.Tests.Infrastructure;

/// <summary>
/// Two processes over one database that trust a checked token for an hour: whatever refuses a revoked token on the
/// other instance within seconds is the revocation feed, not the cache running out.
/// </summary>
public sealed class FeedInstances : IAsyncLifetime
{
    public const int CacheSeconds = 3600;

    // Every trial ends in a 401 on B: without a higher limit B's failure gate would refuse the test's address after ten.
    private readonly Dictionary<string, string> _settings = new()
    {
        ["Tokens:ValidationCacheSeconds"] = $"{CacheSeconds}",
        ["Tokens:FailedAuthenticationLimit"] = "1000",
    };

    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"scoutprime-feed-{Guid.NewGuid():N}.db");

    public AppProcess A { get; private set; } = null!;

    public AppProcess B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        A = await AppProcess.StartAsync(DatabasePath, _settings);
        B = await AppProcess.StartAsync(DatabasePath, _settings);
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-shm", "-wal" })
        {
            File.Delete(DatabasePath + suffix);
        }
    }
}
