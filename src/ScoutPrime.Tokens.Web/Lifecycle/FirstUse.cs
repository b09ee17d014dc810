using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Tokens;
using ScoutPrime.Tokens.Web.TokenState;

namespace ScoutPrime.Tokens.Web.Lifecycle;

/// <summary>
/// Ends a rotated token's "until first use" overlap when its successor is used: written with the successor's
/// <c>LastUsedAt</c> stamp (off the request path, by <see cref="LastUsed.LastUsedWriter"/>), so a call through the
/// cache costs nothing more. Every instance stamps a successor's first call, so the predecessor stops within the
/// revocation delay wherever the successor was used.
/// </summary>
public static class FirstUse
{
    /// <summary>A successor's call at <paramref name="At"/>.</summary>
    public sealed record SuccessorUse(Guid SuccessorId, Guid PredecessorId, string OwnerId, DateTimeOffset At);

    /// <summary>Moves each predecessor's cut-off to its successor's use, unless it already ended; in the caller's transaction.</summary>
    /// <returns>The overlaps this call ended, to announce once the transaction has committed.</returns>
    public static async Task<List<TokenStateChange.TokenReplacementEnded>> EndOverlapsAsync(
        TokensDbContext db, IEnumerable<SuccessorUse> uses, CancellationToken ct)
    {
        var ended = new List<TokenStateChange.TokenReplacementEnded>();
        var tokens = db.Set<ApiToken>();
        foreach (var use in uses)
        {
            var at = use.At;
            // Conditional: a successor stamped again later (every ten minutes, on any instance) changes nothing.
            var changed = await tokens
                .Where(t => t.Id == use.PredecessorId && t.ReplacedById == use.SuccessorId && t.ReplacedUntilFirstUse && t.ReplacedUntil > at)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ReplacedUntil, at), ct);
            if (changed > 0)
            {
                ended.Add(new TokenStateChange.TokenReplacementEnded(use.OwnerId, use.PredecessorId, use.SuccessorId, at));
            }
        }

        return ended;
    }
}
