using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Metadata;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Validation;

/// <summary>
/// The lookup on SQLite, as one statement prepared once per connection and kept: Microsoft.Data.Sqlite prepares a
/// statement again for every new command, and preparing this join cost more than running it (docs/performance.md).
/// The same query as <see cref="EfTokenLookup"/>, reading dates through the conversions of the EF Core model.
/// </summary>
public sealed class SqliteTokenLookup(string connectionString, IModel model) : ITokenLookup, IDisposable
{
    private const string Sql = """
        SELECT t."Id", t."Description", t."ExpiresAt", t."LastUsedAt", u."Id", u."UserName", u."Email",
            EXISTS (SELECT 1 FROM "AspNetUserRoles" AS ur INNER JOIN "AspNetRoles" AS r ON r."Id" = ur."RoleId"
                    WHERE ur."UserId" = u."Id" AND r."Name" = $role),
            u."LockoutEnabled", u."LockoutEnd", t."CreatedAt", t."SuspendedAt" IS NOT NULL, t."ReplacedUntil", t."ReplacesId"
        FROM "ApiTokens" AS t INNER JOIN "AspNetUsers" AS u ON u."Id" = t."OwnerId"
        WHERE t."Digest" = $digest
        """;

    private readonly Dates _dates = new(
        StoredDate(model, typeof(ApiToken), nameof(ApiToken.ExpiresAt)),
        StoredDate(model, typeof(ApiToken), nameof(ApiToken.LastUsedAt)),
        StoredDate(model, typeof(AppUser), nameof(AppUser.LockoutEnd)),
        StoredDate(model, typeof(ApiToken), nameof(ApiToken.CreatedAt)),
        StoredDate(model, typeof(ApiToken), nameof(ApiToken.ReplacedUntil)));

    // A queue, not a bag: ConcurrentBag.Count takes every thread's lock.
    private readonly ConcurrentQueue<Statement> _idle = new();
    private readonly int _keep = Environment.ProcessorCount * 4;

    public ValueTask<ValidatedToken?> FindAsync(byte[] digest, CancellationToken ct) => ValueTask.FromResult(Find(digest));

    private ValidatedToken? Find(byte[] digest)
    {
        var statement = TakeIdle() ?? new Statement(connectionString, _dates);

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

    /// <summary>How the model stores this date: SQLite keeps a DateTimeOffset as a converted integer (SqliteTokensDbContext).</summary>
    private static Func<long, DateTimeOffset> StoredDate(IModel model, Type entity, string property)
    {
        var converter = model.FindEntityType(entity)?.FindProperty(property)?.GetTypeMapping().Converter
            ?? throw new InvalidOperationException($"{entity.Name}.{property} is not stored through a value conversion.");
        return (Func<long, DateTimeOffset>)converter.ConvertFromProviderExpression.Compile();
    }

    private sealed record Dates(Func<long, DateTimeOffset> ExpiresAt, Func<long, DateTimeOffset> LastUsedAt, Func<long, DateTimeOffset> LockoutEnd,
        Func<long, DateTimeOffset> CreatedAt, Func<long, DateTimeOffset> ReplacedUntil);

    private sealed class Statement : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _digest;
        private readonly Dates _dates;

        public int Generation { get; } = SqliteFileWatch.Generation;

        public Statement(string connectionString, Dates dates)
        {
            _dates = dates;
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
                _dates.ExpiresAt(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : _dates.LastUsedAt(reader.GetInt64(3)),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetBoolean(7),
                reader.GetBoolean(8) && !reader.IsDBNull(9) ? _dates.LockoutEnd(reader.GetInt64(9)) : null,
                _dates.CreatedAt(reader.GetInt64(10)),
                reader.GetBoolean(11),
                reader.IsDBNull(12) ? null : _dates.ReplacedUntil(reader.GetInt64(12)),
                reader.IsDBNull(13) ? null : reader.GetGuid(13));
            // The digest is unique; a second row would mean the index is gone, and then no answer is safe.
            return reader.Read() ? throw new InvalidOperationException("More than one token has this digest.") : token;
        }

        public void Dispose()
        {
            _command.Dispose();
            _connection.Dispose();
        }
    }
}
