using Microsoft.Data.Sqlite;

namespace ScoutPrime.Tokens.Web.Tests.Infrastructure;

/// <summary>
/// Two instances of the published application, as separate processes over one database, started once for a test
/// class rather than once for each of its tests: every start is a whole process.
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
{
    /// <summary>How long an instance may go on trusting what it cached (<c>Tokens:ValidationCacheSeconds</c>).</summary>
    public const int RevocationDelaySeconds = 2;

    // The revocation tests poll an instance until it refuses a token, and every refusal counts as a failure of
    // 127.0.0.1: a limit of 10 would answer 429 to the polls that follow, whatever the token's state.
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Tokens:ValidationCacheSeconds"] = $"{RevocationDelaySeconds}",
        ["Tokens:FailedAuthenticationLimit"] = "1000",
    };

    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"scoutprime-multi-{Guid.NewGuid():N}.db");

    public AppProcess A { get; private set; } = null!;

    public AppProcess B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // A migrates the new database first; B then starts on it as a second instance would.
        A = await AppProcess.StartAsync(DatabasePath, Settings);
        B = await AppProcess.StartAsync(DatabasePath, Settings);
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
