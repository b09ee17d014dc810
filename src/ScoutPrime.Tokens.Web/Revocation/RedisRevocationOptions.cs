using System.ComponentModel.DataAnnotations;

namespace ScoutPrime.Tokens.Web.Revocation;

/// <summary>
/// The optional Redis channel that makes revocations reach the other instances at once instead of within the feed's
/// second. Without <see cref="Configuration"/> nothing of it is registered (decided once, at start-up).
/// </summary>
public sealed class RedisRevocationOptions
{
    public const string Section = "Redis";

    public const string ConfigurationKey = Section + ":" + nameof(Configuration);

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c> or <c>redis:6380,ssl=true,password=…</c>.</summary>
    public string? Configuration { get; set; }

    /// <summary>The channel every instance publishes on and listens to; one per deployment sharing a Redis.</summary>
    [Required, MinLength(1), MaxLength(256)]
    public string Channel { get; set; } = "scoutprime:tokens:revocations";
}
