using System.ComponentModel.DataAnnotations;

namespace ScoutPrime.Tokens.Web.Security;

/// <summary>The "Security" section: how recent a proof a reveal needs, and whether API Tokens needs a strong sign-in.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>How long after a sign-in or a re-entered password a token's code may be revealed without asking again.</summary>
    [Range(1, 24 * 60)]
    public int RevealFreshnessMinutes { get; set; } = 10;

    /// <summary>
    /// Whether a member needs a strong sign-in (<see cref="StrongSignIn"/>) to open API Tokens. Unset, it is on in
    /// Production only (see <see cref="SecurityExtensions"/>): elsewhere trying the product needs no authenticator app.
    /// </summary>
    public bool? RequireStrongSignInForTokens { get; set; }

    public TimeSpan RevealFreshness => TimeSpan.FromMinutes(RevealFreshnessMinutes);
}
