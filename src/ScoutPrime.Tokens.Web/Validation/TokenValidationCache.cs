using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Numerics;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.TokenState;

namespace ScoutPrime.Tokens.Web.Validation;

/// <summary>
/// Tokens this instance has checked recently, keyed by the code's SHA-256 digest (never the code), for at most
/// <see cref="ValidationOptions.ValidationCacheSeconds"/>. Every committed change to a token or its owner's standing reaches
/// <see cref="OnCommitted"/>, so this instance sees it on the next call; other instances see it through the revocation feed (Revocation/) within
/// about a second, or at the latest when their entry runs out.
/// A token is cached from its second lookup within that lifetime, not its first: tokens that call once (a thousand
/// scripts on a timer, a scan) would otherwise fill the heap with entries never read again, one per call for the
/// whole lifetime, and the garbage collector's pauses with them (measured in docs/performance.md).
/// </summary>
public sealed class TokenValidationCache(IMemoryCache cache, TimeProvider time, IOptions<ValidationOptions> options) : ITokenStateSubscriber
{
    // Slots remembering which digests were looked up once; a newer digest may take an older one's slot, which only
    // delays that token's caching by a lookup. Fixed in size (ValidationOptions.FirstLookupMemory, a power of two):
    // a flood of distinct tokens allocates nothing here.
    private readonly Seen[] _seen = new Seen[(int)BitOperations.RoundUpToPowerOf2((uint)options.Value.FirstLookupMemory)];

    // How many times each owner's tokens were evicted: an entry cached under an older count is stale. A number per
    // evicted owner, checked on read, instead of a change token registered on every entry (measured: docs/performance.md).
    private readonly ConcurrentDictionary<string, long> _ownerEvictions = new(StringComparer.Ordinal);

    // Moves on every eviction, so a lookup that read the database before a change cannot cache what it read.
    private long _generation;

    public long Generation => Interlocked.Read(ref _generation);

    public ValidatedToken? Find(byte[] digest)
    {
        if (!cache.TryGetValue(new Key(digest), out Entry? entry) || entry is null)
        {
            return null;
        }

        // The entry's own deadline follows the injected clock; the cache's expiry only reclaims memory.
        return entry.Until > time.GetUtcNow() && entry.OwnerEvictions == EvictionsOf(entry.Token.OwnerId) ? entry.Token : null;
    }

    /// <summary>
    /// Caches a token read from the database if it was read once before within the lifetime, unless an eviction
    /// happened since <paramref name="generationBeforeRead"/>.
    /// </summary>
    public void Add(ValidatedToken token, long generationBeforeRead)
    {
        var lifetime = TimeSpan.FromSeconds(options.Value.ValidationCacheSeconds);
        var now = time.GetUtcNow();
        if (lifetime <= TimeSpan.Zero || !SeenBefore(token.Digest, now, lifetime))
        {
            return;
        }

        var key = new Key(token.Digest);
        using (var entry = cache.CreateEntry(key))
        {
            entry.Value = new Entry(token, now + lifetime, EvictionsOf(token.OwnerId));
            entry.AbsoluteExpirationRelativeToNow = lifetime;
            entry.Size = 1;
        }

        if (Generation != generationBeforeRead)
        {
            cache.Remove(key);
        }
    }

    /// <summary>
    /// A change to one token whose digest is known drops it by that digest; a deletion, a change of standing, or a
    /// rotation's overlap ended by the successor's first use (found without the old digest) drops all of the owner's.
    /// </summary>
    public void OnCommitted(TokenStateChange change)
    {
        var digest = change switch
        {
            TokenStateChange.TokenEdited edited => edited.Digest,
            TokenStateChange.TokenSuspended suspended => suspended.Digest,
            TokenStateChange.TokenResumed resumed => resumed.Digest,
            TokenStateChange.TokenRotated rotated => rotated.Digest,
            _ => null,
        };
        if (digest is not null)
        {
            Evict(digest);
        }
        else if (change is not TokenStateChange.TokenCreated)
        {
            // A new token cannot be cached yet: its creation leaves the owner's other entries alone.
            EvictOwner(change.OwnerId);
        }
    }

    private void Evict(byte[] digest)
    {
        Interlocked.Increment(ref _generation);
        cache.Remove(new Key(digest));
    }

    /// <summary>Forgets every token of the owner: also what the revocation feed does for a change made on another instance.</summary>
    public void EvictOwner(string ownerId)
    {
        Interlocked.Increment(ref _generation);
        _ownerEvictions.AddOrUpdate(ownerId, 1, (_, evictions) => evictions + 1);
    }

    private long EvictionsOf(string ownerId) => _ownerEvictions.TryGetValue(ownerId, out var evictions) ? evictions : 0;

    /// <summary>True when this digest was looked up before within the lifetime; otherwise remembers it and says false.</summary>
    private bool SeenBefore(byte[] digest, DateTimeOffset now, TimeSpan lifetime)
    {
        var fingerprint = BinaryPrimitives.ReadUInt64LittleEndian(digest);
        ref var slot = ref _seen[(int)(fingerprint & (ulong)(_seen.Length - 1))];
        // Two threads may race on a slot, and a reader may see half of a write: the worst outcome is a token cached
        // one lookup early or late, never a wrong answer, because what is cached is always what was just read.
        var seen = slot;
        if (seen.Fingerprint == fingerprint && seen.Until > now.UtcTicks)
        {
            return true;
        }

        slot = new Seen(fingerprint, (now + lifetime).UtcTicks);
        return false;
    }

    /// <summary>A SHA-256 digest as four numbers: a cheap key to hash and compare, unlike its hexadecimal text.</summary>
    private readonly record struct Key(ulong A, ulong B, ulong C, ulong D)
    {
        public Key(byte[] digest)
            : this(
                BinaryPrimitives.ReadUInt64LittleEndian(digest.AsSpan(0)),
                BinaryPrimitives.ReadUInt64LittleEndian(digest.AsSpan(8)),
                BinaryPrimitives.ReadUInt64LittleEndian(digest.AsSpan(16)),
                BinaryPrimitives.ReadUInt64LittleEndian(digest.AsSpan(24)))
        {
        }
    }

    private readonly record struct Seen(ulong Fingerprint, long Until);

    private sealed record Entry(ValidatedToken Token, DateTimeOffset Until, long OwnerEvictions);
}
