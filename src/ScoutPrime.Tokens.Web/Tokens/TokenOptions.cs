using System.ComponentModel.DataAnnotations;

namespace ScoutPrime.Tokens.Web.Tokens;

public sealed class TokenOptions
{
    public const string Section = "Tokens";

    /// <summary>The longest Timeout a user may choose, in days.</summary>
    [Range(1, 3650)]
    public int MaxTimeoutDays { get; set; } = 365;

    /// <summary>The Timeout the Add Token form suggests.</summary>
    [Range(1, 3650)]
    public int DefaultTimeoutDays { get; set; } = 15;

    /// <summary>
    /// The most tokens one user may hold, expired ones included: Add Token is refused at this count. A bound on what
    /// one account can store and on the size of its list.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxPerUser { get; set; } = 50;

    /// <summary>A token this close to its expiry is shown as "Expires soon".</summary>
    [Range(0, 365)]
    public int ExpiresSoonDays { get; set; } = 7;

    /// <summary>
    /// How long an API call may trust a token it has already checked, in seconds (0: check every call).
    /// A change made on another instance reaches this one within this delay.
    /// </summary>
    [Range(0, 3600)]
    public int ValidationCacheSeconds { get; set; } = 30;

    /// <summary>
    /// Failed API authentications one client address may make in a minute before it gets 429. Raised only where a
    /// load test sends every refused call from one address (see bench/run.sh); the default protects production.
    /// </summary>
    [Range(1, 100_000_000)]
    public int FailedAuthenticationLimit { get; set; } = 10;
}
