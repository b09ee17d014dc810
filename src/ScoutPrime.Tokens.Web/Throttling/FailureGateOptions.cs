using System.ComponentModel.DataAnnotations;

namespace ScoutPrime.Tokens.Web.Throttling;

/// <summary>When a client address has failed too often. The key stays under <c>Tokens:</c>, where operators set it.</summary>
public sealed class FailureGateOptions
{
    public const string Section = "Tokens";

    /// <summary>
    /// Failed authentications one client address may make in a minute before it gets 429. Raised only where a
    /// load test sends every refused call from one address (see bench/run.sh); the default protects production.
    /// </summary>
    [Range(1, 100_000_000)]
    public int FailedAuthenticationLimit { get; set; } = 10;
}
