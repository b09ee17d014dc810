using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Api;

/// <summary>
/// Tokens this instance has checked recently, keyed by the code's SHA-256 digest (never the code), for at most
/// <see cref="TokenOptions.ValidationCacheSeconds"/>. Whatever changes a token or its owner's standing calls
/// <see cref="Evict"/> or <see cref="EvictOwner"/> after saving, so this instance sees the change on the next call;
/// other instances see it when their entry runs out.
/// </summary>
public sealed class TokenValidationCache(IMemoryCache cache, TimeProvider time, IOptions<TokenOptions> options)
{
    private const string KeyPrefix = "api-token:";

    // How many times each owner's tokens were evicted: an entry cached under an older count is stale. A number per
    // evicted owner, checked on read, instead of a change token registered on every entry (measured: docs/performance.md).
    private readonly ConcurrentDictionary<string, long> _ownerEvictions = new(StringComparer.Ordinal);

    // Moves on every eviction, so a lookup that read the database before a change cannot cache what it read.
    private long _generation;

    public long Generation => Interlocked.Read(ref _generation);

    public ValidatedToken? Find(byte[] digest)
    {
        if (!cache.TryGetValue(KeyOf(digest), out Entry? entry) || entry is null)
        {
            return null;
        }

        // The entry's own deadline follows the injected clock; the cache's expiry only reclaims memory.
        return entry.Until > time.GetUtcNow() && entry.OwnerEvictions == EvictionsOf(entry.Token.OwnerId) ? entry.Token : null;
    }

    /// <summary>Caches a token read from the database, unless an eviction happened since <paramref name="generationBeforeRead"/>.</summary>
    public void Add(ValidatedToken token, long generationBeforeRead)
    {
        var lifetime = TimeSpan.FromSeconds(options.Value.ValidationCacheSeconds);
        if (lifetime <= TimeSpan.Zero)
        {
            return;
        }

        var key = KeyOf(token.Digest);
        using (var entry = cache.CreateEntry(key))
        {
            entry.Value = new Entry(token, time.GetUtcNow() + lifetime, EvictionsOf(token.OwnerId));
            entry.AbsoluteExpirationRelativeToNow = lifetime;
            entry.Size = 1;
        }

        if (Generation != generationBeforeRead)
        {
            cache.Remove(key);
        }
    }

    /// <summary>Drops the entry of one token, e.g. after it was edited.</summary>
    public void Evict(byte[] digest)
    {
        Interlocked.Increment(ref _generation);
        cache.Remove(KeyOf(digest));
    }

    /// <summary>
    /// Drops every entry of one owner: after a token is deleted, or the owner joins or leaves the API Tokens Group,
    /// is locked out or is deleted.
    /// </summary>
    public void EvictOwner(string ownerId)
    {
        Interlocked.Increment(ref _generation);
        _ownerEvictions.AddOrUpdate(ownerId, 1, (_, evictions) => evictions + 1);
    }

    private long EvictionsOf(string ownerId) => _ownerEvictions.TryGetValue(ownerId, out var evictions) ? evictions : 0;

    private static string KeyOf(byte[] digest) => KeyPrefix + Convert.ToHexString(digest);

    private sealed record Entry(ValidatedToken Token, DateTimeOffset Until, long OwnerEvictions);
}
