using System.Security.Claims;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Admin.Inventory;

/// <summary>
/// Revokes every token an inventory filter matches, in batches of <see cref="BatchSize"/>: each batch is one
/// transaction through <see cref="TokenService.RevokeAsAdministratorAsync"/>, so a million-token selection never
/// holds a million ids or one long lock, and each token's audit entry and after-commit event are those of any deletion.
/// </summary>
public sealed partial class BulkRevoke(TokenInventory inventory, TokenService tokens, TimeProvider time, ILogger<BulkRevoke> logger)
{
    public const int BatchSize = 500;

    public async Task<int> RevokeAsync(ClaimsPrincipal administrator, InventoryFilter filter, string reason, CancellationToken ct)
    {
        // One instant for the whole selection: a token that expires while the batches run does not join it.
        var now = time.GetUtcNow();
        var total = 0;
        while (await inventory.NextBatchAsync(filter, now, BatchSize, ct) is { Count: > 0 } batch)
        {
            var revoked = await tokens.RevokeAsAdministratorAsync(administrator, batch, reason, ct);
            total += revoked;
            // Revoked tokens leave the selection; a batch that revoked nothing was deleted by others meanwhile and
            // will not be listed again, but stopping here also rules out any loop over rows that cannot be deleted.
            if (revoked == 0 || batch.Count < BatchSize)
            {
                break;
            }
        }

        LogRevoked(logger, total, administrator.Identity?.Name);
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bulk revoke: {Count} tokens revoked by {Administrator}")]
    private static partial void LogRevoked(ILogger logger, int count, string? administrator);
}
