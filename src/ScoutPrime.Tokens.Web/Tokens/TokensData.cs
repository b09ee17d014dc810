using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.Tokens;

public static class TokensData
{
    extension(TokensDbContext db)
    {
        /// <summary>Every API token, of every owner: a service scopes its queries by owner (TokenService).</summary>
        public DbSet<ApiToken> Tokens => db.Set<ApiToken>();
    }
}
