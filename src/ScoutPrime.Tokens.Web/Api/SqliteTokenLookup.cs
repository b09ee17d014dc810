using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity;

namespace ScoutPrime.Tokens.Web.Api;

/// <summary>
/// The digest lookup of <see cref="TokenValidator"/> on SQLite, as one statement prepared once per connection and
/// kept: Microsoft.Data.Sqlite prepares a statement again for every new command, and preparing this join cost more
/// than running it (docs/performance.md). The same query as <see cref="TokenValidator"/>'s compiled EF Core query,
/// which every other provider runs; a test holds the two to the same answers.
/// </summary>
public sealed class SqliteTokenLookup(IServiceProvider services) : IDisposable
{
    private const string Sql = """
        SELECT t."Id", t."Description", t."ExpiresAt", t."LastUsedAt", u."Id", u."UserName", u."Email",
            EXISTS (SELECT 1 FROM "AspNetUserRoles" AS ur INNER JOIN "AspNetRoles" AS r ON r."Id" = ur."RoleId"
                    WHERE ur."UserId" = u."Id" AND r."Name" = $role),
            u."LockoutEnabled", u."LockoutEnd"
        FROM "ApiTokens" AS t INNER JOIN "AspNetUsers" AS u ON u."Id" = t."OwnerId"
        WHERE t."Digest" = $digest
        """;

    // The conversion SqliteTokensDbContext configures for every DateTimeOffset.
    private static readonly DateTimeOffsetToBinaryConverter Dates = new();

    // A queue, not a bag: ConcurrentBag.Count takes every thread's lock.
    private readonly ConcurrentQueue<Statement> _idle = new();
    private readonly int _keep = Environment.ProcessorCount * 4;

    // The connection string of EF Core's SQLite context, or null when the application runs on another provider.
    private readonly Lazy<string?> _connectionString = new(() =>
        services.GetService<DbContextOptions<SqliteTokensDbContext>>() is { } options
            ? RelationalOptionsExtension.Extract(options).ConnectionString
            : null);

    /// <summary>True when the application's database is SQLite, so that <see cref="Find"/> may be used.</summary>
    public bool IsInUse => _connectionString.Value is not null;

    /// <summary>The token whose code has this digest, with its owner's standing; null when there is none.</summary>
    public ValidatedToken? Find(byte[] digest)
    {
        var statement = TakeIdle()
            ?? new Statement(_connectionString.Value ?? throw new InvalidOperationException("The database is not SQLite."));

        try
        {
            var token = statement.Run(digest);
            if (_idle.Count < _keep)
            {
                _idle.Enqueue(statement);
                statement = null;
            }

            return token;
        }
        finally
        {
            statement?.Dispose();
        }
    }

    // A statement kept from before the database file was replaced (SqliteFileWatch) would still read the old file.
    private Statement? TakeIdle()
    {
        while (_idle.TryDequeue(out var statement))
        {
            if (statement.Generation == SqliteFileWatch.Generation)
            {
                return statement;
            }

            statement.Dispose();
        }

        return null;
    }

    public void Dispose()
    {
        while (_idle.TryDequeue(out var statement))
        {
            statement.Dispose();
        }
    }

    private sealed class Statement : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _digest;

        public int Generation { get; } = SqliteFileWatch.Generation;

        public Statement(string connectionString)
        {
            _connection = new SqliteConnection(connectionString);
            _connection.Open();
            _command = _connection.CreateCommand();
            _command.CommandText = Sql;
            _command.Parameters.AddWithValue("$role", Roles.ApiTokensGroup);
            _digest = _command.Parameters.Add("$digest", SqliteType.Blob);
        }

        public ValidatedToken? Run(byte[] digest)
        {
            _digest.Value = digest;
            using var reader = _command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            var token = new ValidatedToken(
                reader.GetGuid(0),
                digest,
                reader.GetString(1),
                Date(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : Date(reader.GetInt64(3)),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetBoolean(7),
                reader.GetBoolean(8) && !reader.IsDBNull(9) ? Date(reader.GetInt64(9)) : null);
            // The digest is unique; a second row would mean the index is gone, and then no answer is safe.
            return reader.Read() ? throw new InvalidOperationException("More than one token has this digest.") : token;
        }

        public void Dispose()
        {
            _command.Dispose();
            _connection.Dispose();
        }

        private static DateTimeOffset Date(long value) => (DateTimeOffset)Dates.ConvertFromProvider(value)!;
    }
}
