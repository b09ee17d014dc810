using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
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

    // One source per owner who has a cached token: cancelling it drops all of that owner's entries at once.
    // Only valid tokens are cached, so this holds at most one source per token owner.
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _owners = new(StringComparer.Ordinal);

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
        return entry.Until > time.GetUtcNow() ? entry.Token : null;
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
        var owner = _owners.GetOrAdd(token.OwnerId, _ => new CancellationTokenSource());
        using (var entry = cache.CreateEntry(key))
        {
            entry.Value = new Entry(token, time.GetUtcNow() + lifetime);
            entry.AbsoluteExpirationRelativeToNow = lifetime;
            entry.Size = 1;
            entry.AddExpirationToken(new CancellationChangeToken(owner.Token));
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
        if (_owners.TryRemove(ownerId, out var owner))
        {
            // Not disposed: an Add racing with this may still read its Token; a cancelled source holds no resources.
            owner.Cancel();
        }
    }

    private static string KeyOf(byte[] digest) => KeyPrefix + Convert.ToHexString(digest);

    private sealed record Entry(ValidatedToken Token, DateTimeOffset Until);
}
