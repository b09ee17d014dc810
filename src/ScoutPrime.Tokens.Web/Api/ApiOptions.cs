using System.ComponentModel.DataAnnotations;

namespace ScoutPrime.Tokens.Web.Api;

/// <summary>The API's settings. They keep their historical keys under <c>Tokens:</c>, which operators already set.</summary>
public sealed class ApiOptions
{
    public const string Section = "Tokens";

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
