using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.Tokens;

public static class TokensData
{
    /// <summary>
    /// Tokens with no call since <paramref name="since"/>; a token never used counts from its creation. One rule for the
    /// hourly idle revocation and the administrators' filter, written as two disjuncts, not a conditional: SQLite then
    /// searches the LastUsedAt index for each (its plan: MULTI-INDEX OR) instead of scanning every token.
    /// </summary>
    public static Expression<Func<ApiToken, bool>> IdleSince(DateTimeOffset since) =>
        t => (t.LastUsedAt != null && t.LastUsedAt <= since) || (t.LastUsedAt == null && t.CreatedAt <= since);

    extension(TokensDbContext db)
    {
        /// <summary>Every API token, of every owner: a service scopes its queries by owner (TokenService).</summary>
        public DbSet<ApiToken> Tokens => db.Set<ApiToken>();
    }
}
