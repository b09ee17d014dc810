using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.Usage;

/// <summary>One address a token was used from, as the details page and <c>GET /api/v1/tokens/{id}</c> show it.</summary>
public sealed record TokenAddressRow(string Address, string? UserAgent, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, long Calls);

/// <summary>
/// Where a token was used from, newest first. Callers check ownership first (the token's owner, or an administrator's
/// view of it); rows past <see cref="TokenUsage.Retention"/> that the writer has not pruned yet are not shown.
/// </summary>
public sealed class TokenAddresses(TokensDbContext db, TimeProvider time)
{
    public async Task<IReadOnlyList<TokenAddressRow>> ForTokenAsync(Guid tokenId, CancellationToken ct)
    {
        var cutoff = time.GetUtcNow() - TokenUsage.Retention;
        return await db.Set<TokenUsage>().AsNoTracking()
            .Where(u => u.TokenId == tokenId && u.LastSeen >= cutoff)
            .OrderByDescending(u => u.LastSeen).ThenBy(u => u.Address)
            .Select(u => new TokenAddressRow(u.Address, u.UserAgent, u.FirstSeen, u.LastSeen, u.Calls))
            .ToListAsync(ct);
    }
}
