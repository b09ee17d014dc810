using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Validation;

/// <summary>
/// The database half of <see cref="TokenValidator"/>: the token whose code has this digest, with its owner's standing,
/// in one round trip on the unique Digest index; null when there is none. One implementation per provider, chosen at
/// start-up (<see cref="For"/>); a test holds the two to the same answers on the same rows.
/// </summary>
public interface ITokenLookup
{
    ValueTask<ValidatedToken?> FindAsync(byte[] digest, CancellationToken ct);

    /// <summary>SQLite's prepared statement on SQLite; the compiled EF Core query on every other provider.</summary>
    static ITokenLookup For(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TokensDbContext>();
        return db.Database.IsSqlite()
            ? new SqliteTokenLookup(db.Database.GetConnectionString()!, db.Model)
            : new EfTokenLookup(services.GetRequiredService<IServiceScopeFactory>());
    }
}

/// <summary>The lookup as a compiled EF Core query, for SQL Server. A context is rented from the pool on a miss only.</summary>
public sealed class EfTokenLookup(IServiceScopeFactory scopes) : ITokenLookup
{
    private static readonly Func<TokensDbContext, byte[], CancellationToken, Task<ValidatedToken?>> Query =
        EF.CompileAsyncQuery((TokensDbContext context, byte[] digest, CancellationToken _) =>
            context.Set<ApiToken>().AsNoTracking()
                .Where(t => t.Digest == digest)
                .Join(context.Users, t => t.OwnerId, u => u.Id, (t, u) => new ValidatedToken(
                    t.Id,
                    t.Digest,
                    t.Description,
                    t.ExpiresAt,
                    t.LastUsedAt,
                    u.Id,
                    u.UserName,
                    u.Email,
                    context.UserRoles.Any(ur => ur.UserId == u.Id
                        && context.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.ApiTokensGroup)),
                    u.LockoutEnabled ? u.LockoutEnd : null,
                    t.CreatedAt,
                    t.SuspendedAt != null,
                    t.ReplacedUntil,
                    t.ReplacesId))
                .SingleOrDefault());

    public async ValueTask<ValidatedToken?> FindAsync(byte[] digest, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await Query(scope.ServiceProvider.GetRequiredService<TokensDbContext>(), digest, ct);
    }
}
