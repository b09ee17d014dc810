using System.Security.Cryptography;
using ScoutPrime.Tokens.Web.LastUsed;

namespace ScoutPrime.Tokens.Web.Validation;

/// <summary>The API's hot path: a well-formed code's digest to what is known about it, from the cache or one indexed query.</summary>
public sealed class TokenValidator(
    TokenValidationCache cache,
    ITokenLookup lookup,
    TokenMetrics metrics,
    LastUsedTracker lastUsed,
    LastUsedWriter lastUsedWriter,
    TimeProvider time)
{
    /// <summary>The token this instance holds for this digest, or null: no database, so no cost to bound.</summary>
    public ValidatedToken? FindCached(byte[] digest) => Verified(cache.Find(digest), digest);

    /// <summary>The token with this digest from the database, or null when none exists; cached from its second lookup.</summary>
    public async Task<ValidatedToken?> LookUpAsync(byte[] digest, CancellationToken ct)
    {
        var generation = cache.Generation;
        metrics.DatabaseLookup();
        var token = await lookup.FindAsync(digest, ct);
        if (token is not null)
        {
            cache.Add(token, generation);
        }

        return Verified(token, digest);
    }

    /// <summary>
    /// Stamps <c>LastUsedAt</c> when this call is the first in <see cref="LastUsedTracker.Interval"/>; never waits for the
    /// write. A successor's first stamp also ends its predecessor's "until first use" overlap: a successor's first
    /// call always claims, since it has never been stamped, and the write is conditional, so repeating it is harmless.
    /// </summary>
    public void RecordUse(ValidatedToken token)
    {
        var now = time.GetUtcNow();
        if (lastUsed.TryClaimWrite(token.TokenId, token.LastUsedAt, now))
        {
            lastUsedWriter.Record(token.TokenId, now, token.ReplacesId, token.OwnerId);
        }
    }

    // The index already matched; comparing in constant time as well keeps a collation or cache quirk from leaking timing.
    private static ValidatedToken? Verified(ValidatedToken? token, byte[] digest) =>
        token is not null && CryptographicOperations.FixedTimeEquals(token.Digest, digest) ? token : null;
}
