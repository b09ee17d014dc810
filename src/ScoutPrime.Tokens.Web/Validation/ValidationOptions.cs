using System.ComponentModel.DataAnnotations;

namespace ScoutPrime.Tokens.Web.Validation;

/// <summary>How token validation trusts what it checked. The key stays under <c>Tokens:</c>, where operators set it.</summary>
public sealed class ValidationOptions
{
    public const string Section = "Tokens";

    /// <summary>
    /// How long a token check may be trusted, in seconds (0: check every call). Changes reach every instance through the
    /// revocation feed within about a second; this bounds only what the feed misses (see Revocation/RevocationRecorder).
    /// 15 minutes outlasts the 1–10-minute period of scheduled callers, which then hit the cache (docs/performance.md).
    /// </summary>
    [Range(0, 3600)]
    public int ValidationCacheSeconds { get; set; } = 900;

    /// <summary>
    /// How many tokens looked up once the cache remembers, so that their next lookup within the lifetime caches them
    /// (rounded up to a power of two; 16 bytes each, allocated once). A million: at the benchmark's million tokens,
    /// 65,536 slots were overwritten before a scheduled caller came back (docs/performance.md).
    /// </summary>
    [Range(1024, 1 << 24)]
    public int FirstLookupMemory { get; set; } = 1 << 20;
}
