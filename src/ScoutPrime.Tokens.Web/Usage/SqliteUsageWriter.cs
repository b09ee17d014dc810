using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Metadata;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.Usage;

/// <summary>
/// The rows on SQLite: one upsert prepared once per flush and run for each pair, then one trim per token. EF Core's
/// change tracking prepared an INSERT per row, and cost a first call of a new token as much as its lookup
/// (docs/performance.md). The same rows as <see cref="EfUsageWriter"/>, dates stored through the EF Core model's conversions.
/// </summary>
public sealed class SqliteUsageWriter(IModel model) : IUsageWriter
{
    // A token deleted since its call has no rows to keep (and would fail the foreign key): the EXISTS drops it.
    private const string Upsert = """
        INSERT INTO "TokenUsages" ("TokenId", "Address", "UserAgent", "FirstSeen", "LastSeen", "Calls")
        SELECT $token, $address, $agent, $at, $at, $calls WHERE EXISTS (SELECT 1 FROM "ApiTokens" WHERE "Id" = $token)
        ON CONFLICT ("TokenId", "Address") DO UPDATE SET
            "Calls" = "Calls" + excluded."Calls",
            "UserAgent" = CASE WHEN excluded."LastSeen" >= "LastSeen" THEN excluded."UserAgent" ELSE "UserAgent" END,
            "LastSeen" = max("LastSeen", excluded."LastSeen")
        """;

    // The newest rows stay; with ties, the later row (a newer address) wins.
    private const string Trim = """
        DELETE FROM "TokenUsages" WHERE "TokenId" = $token AND "Id" NOT IN (
            SELECT "Id" FROM "TokenUsages" WHERE "TokenId" = $token ORDER BY "LastSeen" DESC, "Id" DESC LIMIT $keep)
        """;

    private readonly Func<DateTimeOffset, long> _stored = StoredDate(model);

    public async Task WriteAsync(TokensDbContext db, IReadOnlyCollection<UsageStamp> stamps, CancellationToken ct)
    {
        var cutoff = stamps.Max(s => s.At) - TokenUsage.Retention;
        await db.Set<TokenUsage>().Where(u => u.LastSeen < cutoff).ExecuteDeleteAsync(ct);

        await db.Database.OpenConnectionAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var inTransaction = (SqliteTransaction)transaction.GetDbTransaction();
        using (var upsert = Prepare(connection, inTransaction, Upsert, ("$token", SqliteType.Text), ("$address", SqliteType.Text),
            ("$agent", SqliteType.Text), ("$at", SqliteType.Integer), ("$calls", SqliteType.Integer)))
        {
            foreach (var stamp in stamps)
            {
                Run(upsert, stamp.TokenId, stamp.Address, stamp.UserAgent, _stored(stamp.At), stamp.Calls);
            }
        }

        using (var trim = Prepare(connection, inTransaction, Trim, ("$token", SqliteType.Text), ("$keep", SqliteType.Integer)))
        {
            foreach (var token in stamps.Select(s => s.TokenId).Distinct())
            {
                Run(trim, token, TokenUsage.MaxAddresses);
            }
        }

        await transaction.CommitAsync(ct);
    }

    // Guids bound as text are upper case, as EF Core's SQLite provider stores them.
    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, SqliteType Type)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            command.Parameters.Add(name, type);
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    private static Func<DateTimeOffset, long> StoredDate(IModel model)
    {
        var converter = model.FindEntityType(typeof(TokenUsage))?.FindProperty(nameof(TokenUsage.LastSeen))?.GetTypeMapping().Converter
            ?? throw new InvalidOperationException("TokenUsage.LastSeen is not stored through a value conversion.");
        return (Func<DateTimeOffset, long>)converter.ConvertToProviderExpression.Compile();
    }
}
