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

    /// <summary>A token this close to its expiry is shown as "Expires soon".</summary>
    [Range(0, 365)]
    public int ExpiresSoonDays { get; set; } = 7;
}
