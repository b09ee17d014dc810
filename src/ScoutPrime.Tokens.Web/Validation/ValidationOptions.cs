using System.ComponentModel.DataAnnotations;

namespace ScoutPrime.Tokens.Web.Validation;

/// <summary>How token validation trusts what it checked. The key stays under <c>Tokens:</c>, where operators set it.</summary>
public sealed class ValidationOptions
{
    public const string Section = "Tokens";

    /// <summary>
    /// How long a token check may be trusted, in seconds (0: check every call).
    /// A change made on another instance reaches this one within this delay.
    /// </summary>
    [Range(0, 3600)]
    public int ValidationCacheSeconds { get; set; } = 30;

    /// <summary>
    /// How many tokens looked up once the cache remembers, so that their next lookup within the lifetime caches them
    /// (rounded up to a power of two; 16 bytes each, allocated once).
    /// </summary>
    [Range(1024, 1 << 24)]
    public int FirstLookupMemory { get; set; } = 1 << 16;
}
