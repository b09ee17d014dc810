using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Api;

/// <summary>The API's hot path: a well-formed code to what is known about it, from the cache or one indexed query.</summary>
public sealed class TokenValidator(
    IServiceProvider services,
    TokenValidationCache cache,
    SqliteTokenLookup sqlite,
    ApiMetrics metrics,
    LastUsedTracker lastUsed,
    LastUsedWriter lastUsedWriter,
    TimeProvider time)
{
    // One round trip on the unique Digest index, with the owner's standing joined in; compiled once. SQLite runs the
    // same query as a statement it keeps prepared (SqliteTokenLookup).
    private static readonly Func<TokensDbContext, byte[], CancellationToken, Task<ValidatedToken?>> Lookup =
        EF.CompileAsyncQuery((TokensDbContext context, byte[] digest, CancellationToken _) =>
            context.Tokens.AsNoTracking()
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
                    u.LockoutEnabled ? u.LockoutEnd : null))
                .SingleOrDefault());

    /// <summary>The lookup through EF Core, as every provider but SQLite runs it.</summary>
    internal static Task<ValidatedToken?> QueryAsync(TokensDbContext db, byte[] digest, CancellationToken ct) => Lookup(db, digest, ct);

    /// <summary>The token with this code, or null when none exists. The caller has checked the code is well formed.</summary>
    public async Task<ValidatedToken?> FindAsync(string code, CancellationToken ct)
    {
        var digest = TokenCode.Digest(code);
        var token = cache.Find(digest);
        if (token is null)
        {
            var generation = cache.Generation;
            metrics.DatabaseLookup();
            // Only a miss on another provider than SQLite takes a context from the pool: renting and resetting one
            // cost a cache hit more than the hit.
            token = sqlite.IsInUse ? sqlite.Find(digest) : await QueryAsync(services.GetRequiredService<TokensDbContext>(), digest, ct);
            if (token is null)
            {
                return null;
            }

            cache.Add(token, generation);
        }

        // The index already matched; comparing in constant time as well keeps a collation or cache quirk from leaking timing.
        return CryptographicOperations.FixedTimeEquals(token.Digest, digest) ? token : null;
    }

    /// <summary>Stamps <c>LastUsedAt</c> when this call is the first in <see cref="LastUsedTracker.Interval"/>; never waits for the write.</summary>
    public void RecordUse(ValidatedToken token)
    {
        var now = time.GetUtcNow();
        if (lastUsed.TryClaimWrite(token.TokenId, token.LastUsedAt, now))
        {
            lastUsedWriter.Record(token.TokenId, now);
        }
    }
}
