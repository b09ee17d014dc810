using System.Security.Cryptography;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Api;

/// <summary>The API's hot path: a well-formed code to what is known about it, from the cache or one indexed query.</summary>
public sealed class TokenValidator(
    TokenValidationCache cache,
    ITokenLookup lookup,
    ApiMetrics metrics,
    LastUsedTracker lastUsed,
    LastUsedWriter lastUsedWriter,
    TimeProvider time)
{
    /// <summary>The token with this code, or null when none exists. The caller has checked the code is well formed.</summary>
    public async Task<ValidatedToken?> FindAsync(string code, CancellationToken ct)
    {
        var digest = TokenCode.Digest(code);
        var token = cache.Find(digest);
        if (token is null)
        {
            var generation = cache.Generation;
            metrics.DatabaseLookup();
            token = await lookup.FindAsync(digest, ct);
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
