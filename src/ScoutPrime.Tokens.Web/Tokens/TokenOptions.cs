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
}
