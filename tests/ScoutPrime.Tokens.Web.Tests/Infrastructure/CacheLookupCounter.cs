using Microsoft.Extensions.Caching.Memory;

namespace ScoutPrime.Tokens.Web.Tests.Infrastructure;

/// <summary>The application's memory cache, counting every read, so a test can prove a request read nothing.</summary>
public sealed class CacheLookupCounter : IMemoryCache
{
    private readonly MemoryCache _inner = new(new MemoryCacheOptions());
    private int _lookups;

    public int Lookups => Volatile.Read(ref _lookups);

    public bool TryGetValue(object key, out object? value)
    {
        Interlocked.Increment(ref _lookups);
        return _inner.TryGetValue(key, out value);
    }

    public ICacheEntry CreateEntry(object key) => _inner.CreateEntry(key);

    public void Remove(object key) => _inner.Remove(key);

    public void Dispose() => _inner.Dispose();
}
