using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.Security;

/// <summary>
/// Whether a user signs in with more than a password: an authenticator code, or a passkey. The one definition, for the API Tokens policy
/// (<see cref="RequireStrongSignInAttribute"/>) and for the administrators' list alike.
/// </summary>
public sealed class StrongSignIn(TokensDbContext db)
{
    /// <summary>As a query condition, so a page of users reads it in the same SQL statement: two-factor is on, or a passkey is registered.</summary>
    public Expression<Func<AppUser, bool>> Predicate { get; } = u => u.TwoFactorEnabled || db.UserPasskeys.Any(p => p.UserId == u.Id);

    public Task<bool> HasAsync(string userId, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).Select(Predicate).SingleOrDefaultAsync(ct);
}
