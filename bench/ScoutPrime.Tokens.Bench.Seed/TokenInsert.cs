using Microsoft.Data.Sqlite;

namespace ScoutPrime.Tokens.Bench.Seed;

/// <summary>One token as the application would store it; <see cref="Code"/> is kept only to write the scenario files.</summary>
internal sealed record TokenRow(Guid Id, string Code, byte[] Digest, string ProtectedCode, Guid Version);

/// <summary>The prepared INSERT into ApiTokens, bound in the formats EF Core's SQLite provider uses.</summary>
internal sealed class TokenInsert : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter _id, _owner, _description, _created, _expires, _digest, _protected, _version;

    public TokenInsert(SqliteConnection connection, SqliteTransaction transaction)
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = """
            INSERT INTO ApiTokens (Id, OwnerId, Description, CreatedAt, ExpiresAt, TimeoutDays, Digest, ProtectedCode, LastUsedAt, Version)
            VALUES ($id, $owner, $description, $created, $expires, 365, $digest, $protected, NULL, $version)
            """;
        _id = _command.Parameters.Add("$id", SqliteType.Text);
        _owner = _command.Parameters.Add("$owner", SqliteType.Text);
        _description = _command.Parameters.Add("$description", SqliteType.Text);
        _created = _command.Parameters.Add("$created", SqliteType.Integer);
        _expires = _command.Parameters.Add("$expires", SqliteType.Integer);
        _digest = _command.Parameters.Add("$digest", SqliteType.Blob);
        _protected = _command.Parameters.Add("$protected", SqliteType.Text);
        _version = _command.Parameters.Add("$version", SqliteType.Text);
        _command.Prepare();
    }

    public void Add(string ownerId, string description, object createdAt, object expiresAt, TokenRow row)
    {
        // EF Core's SQLite provider stores a Guid as upper-case text.
        _id.Value = row.Id.ToString().ToUpperInvariant();
        _owner.Value = ownerId;
        _description.Value = description;
        _created.Value = createdAt;
        _expires.Value = expiresAt;
        _digest.Value = row.Digest;
        _protected.Value = row.ProtectedCode;
        _version.Value = row.Version.ToString().ToUpperInvariant();
        _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();
}
