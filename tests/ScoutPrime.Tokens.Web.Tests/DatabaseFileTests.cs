using System.Net;
using Microsoft.Data.Sqlite;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>
/// The SQLite file itself taken away, replaced or locked under a running instance: an outage that readiness reports
/// and that ends, without a restart, when the real file is back; never a new empty database.
/// </summary>
public sealed class DatabaseFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scoutprime-file-").FullName;

    private string Database => Path.Combine(_folder, "tokens.db");

    [Fact]
    public async Task A_file_moved_away_is_an_outage_without_an_empty_file_and_its_return_ends_it()
    {
        using var app = TokensAppFactory.OnDatabase(Database).With("Tokens:ValidationCacheSeconds", "0");
        var (member, _) = await app.SignInMemberAsync();
        var (id, code) = await member.CreateTokenWithCodeAsync("outlives the move");
        using var api = app.CreateApiClient();
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);

        File.Move(Database, Database + ".away");
        var ready = await member.GetAsync("/healthz/ready");
        var list = await member.GetAsync("/tokens");
        var call = await api.GetWithTokenAsync(ApiRequests.Me, code);
        var emptyFileMade = File.Exists(Database);
        File.Move(Database + ".away", Database, overwrite: true);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, list.Status);
        Assert.Contains("Temporarily unavailable", list.Text);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, call.StatusCode);
        Assert.False(emptyFileMade);
        await AssertRecoveredAsync(member, api, id, code);
    }

    [Fact]
    public async Task A_file_replaced_by_another_database_is_not_ready_and_the_real_one_back_is()
    {
        using var app = TokensAppFactory.OnDatabase(Database).With("Tokens:ValidationCacheSeconds", "0");
        var (member, _) = await app.SignInMemberAsync();
        var (id, code) = await member.CreateTokenWithCodeAsync("outlives the swap");
        using var api = app.CreateApiClient();
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/healthz/ready")).Status);

        // A restore gone wrong: some other SQLite database where the real one was. The real file is moved without its
        // write-ahead log, which SQLite deletes when it opens an empty file beside it: first copy the log into the file.
        Execute(Database, "PRAGMA wal_checkpoint(TRUNCATE)");
        File.Move(Database, Database + ".real");
        Execute(Database, "CREATE TABLE Unrelated (Id INTEGER PRIMARY KEY)");

        var ready = await member.GetAsync("/healthz/ready");
        var list = await member.GetAsync("/tokens");
        File.Move(Database + ".real", Database, overwrite: true);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, list.Status);
        await AssertRecoveredAsync(member, api, id, code);
    }

    [Fact]
    public async Task A_database_that_cannot_be_written_is_not_ready()
    {
        using var app = TokensAppFactory.OnDatabase(Database).With("ConnectionStrings:Tokens", $"Data Source={Database};Default Timeout=1");
        using var browser = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/healthz/ready")).Status);

        // Another process holds the write lock past the busy timeout: reads still work, writes cannot.
        using (var writer = new SqliteConnection($"Data Source={Database};Pooling=False"))
        {
            writer.Open();
            using var begin = writer.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await browser.GetAsync("/healthz/ready")).Status);
        }

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/healthz/ready")).Status);
    }

    [Fact]
    public async Task The_database_file_is_created_readable_by_its_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var app = TokensAppFactory.OnDatabase(Database);
        var (member, _) = await app.SignInMemberAsync();
        await member.CreateTokenAsync("written through the WAL");

        var files = new[] { Database, Database + "-wal", Database + "-shm" }.Where(File.Exists).ToList();

        Assert.Equal(3, files.Count);
        foreach (var file in files)
        {
            Assert.Equal((file, UnixFileMode.UserRead | UnixFileMode.UserWrite), (file, File.GetUnixFileMode(file)));
        }
    }

    private static async Task AssertRecoveredAsync(BrowserClient member, HttpClient api, Guid id, string code)
    {
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/healthz/ready")).Status);
        var list = await member.GetAsync("/tokens");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.NotNull(list.Row(id));
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
    }

    private static void Execute(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
