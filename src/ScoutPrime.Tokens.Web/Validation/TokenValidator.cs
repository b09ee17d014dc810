using System.Net;
using System.Security.Cryptography;
using ScoutPrime.Tokens.Web.LastUsed;
using ScoutPrime.Tokens.Web.Usage;

namespace ScoutPrime.Tokens.Web.Validation;

/// <summary>The API's hot path: a well-formed code's digest to what is known about it, from the cache or one indexed query.</summary>
public sealed class TokenValidator(
    TokenValidationCache cache,
    ITokenLookup lookup,
    TokenMetrics metrics,
    LastUsedTracker lastUsed,
    LastUsedWriter lastUsedWriter,
    UsageTracker usage,
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
    /// A call from a client <paramref name="address"/> (after the forwarded-headers rules) is counted for it, and its
    /// row rides along with a stamp when that pair is due one (<see cref="UsageTracker"/>).
    /// </summary>
    public void RecordUse(ValidatedToken token, IPAddress? address = null, string? userAgent = null)
    {
        var now = time.GetUtcNow();
        var claimed = lastUsed.TryClaimWrite(token.TokenId, token.LastUsedAt, now);
        var seen = usage.Observe(token.TokenId, address, userAgent, now, claimed);
        if (claimed || seen is not null)
        {
            // Unclaimed, only the address row is written: LastUsedAt was written within the interval.
            lastUsedWriter.Record(token.TokenId, now, claimed ? token.ReplacesId : null, token.OwnerId, seen, lastUsed: claimed);
        }
    }

    // The index already matched; comparing in constant time as well keeps a collation or cache quirk from leaking timing.
    private static ValidatedToken? Verified(ValidatedToken? token, byte[] digest) =>
        token is not null && CryptographicOperations.FixedTimeEquals(token.Digest, digest) ? token : null;
}
