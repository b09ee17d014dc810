using System.ComponentModel.DataAnnotations;

namespace ScoutPrime.Tokens.Web.Introspection;

public sealed class IntrospectionOptions
{
    public const string Section = "Introspection";

    /// <summary>Introspection calls one resource server (one client id) may make per minute, per instance; then 429.</summary>
    [Range(1, 10_000_000)]
    public int RequestsPerMinutePerClient { get; set; } = 12_000;
}
