using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ScoutPrime.Tokens.Web.Data;

/// <summary>
/// Ready means this instance can serve: the database answers, holds the schema this build expects (an empty file,
/// or one restored from elsewhere, does not), and can be written. Two small statements in a transaction rolled back;
/// an exception (no file, a read-only database) is reported Unhealthy by the health check service.
/// </summary>
public sealed class DatabaseReadinessCheck(TokensDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Migrations newer than this build's are fine (an upgrade in progress); a missing one is not.
        var pending = await db.Database.GetPendingMigrationsAsync(cancellationToken);
        if (pending.Any())
        {
            return HealthCheckResult.Unhealthy("The database lacks migrations this build expects.");
        }

        // Takes the write lock (on SQLite, BEGIN IMMEDIATE already does) and changes nothing.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(
            """UPDATE "__EFMigrationsHistory" SET "ProductVersion" = "ProductVersion" WHERE 1 = 0""", cancellationToken);
        await transaction.RollbackAsync(cancellationToken);
        return HealthCheckResult.Healthy();
    }
}
