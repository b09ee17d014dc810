using System.ComponentModel.DataAnnotations;

namespace ScoutPrime.Tokens.Web.Tokens;

public sealed class TokenOptions
{
    public const string Section = "Tokens";

    /// <summary>The longest Timeout a user may choose, in days: the default of the Settings screen's maximum timeout.</summary>
    [Range(1, 3650)]
    public int MaxTimeoutDays { get; set; } = 365;

    /// <summary>The Timeout the Add Token form suggests.</summary>
    [Range(1, 3650)]
    public int DefaultTimeoutDays { get; set; } = 15;

    /// <summary>
    /// The most tokens one user may hold, expired ones included: Add Token is refused at this count. A bound on what
    /// one account can store and on the size of its list. The default of the Settings screen's "at most N tokens per user".
    /// </summary>
    [Range(1, 10_000)]
    public int MaxPerUser { get; set; } = 50;

    /// <summary>
    /// The default of the idle-revocation policy: a token unused for this many days is revoked. Unset (the default): off.
    /// Administrators change it on the Settings screen.
    /// </summary>
    [Range(1, 3650)]
    public int? IdleRevocationDays { get; set; }

    /// <summary>The default reveal policy (Always, the help article's behaviour, or Once); the Settings screen changes it.</summary>
    [EnumDataType(typeof(Settings.RevealPolicy))]
    public Settings.RevealPolicy RevealPolicy { get; set; }

    /// <summary>A token this close to its expiry is shown as "Expires soon".</summary>
    [Range(0, 365)]
    public int ExpiresSoonDays { get; set; } = 7;
}
