using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace ScoutPrime.Tokens.Web.Security;

/// <summary>
/// When this session last proved who is at the keyboard: a claim in the sign-in cookie, written by the server at
/// sign-in and at each re-entered password (<see cref="AppSignInManager"/>), so neither the browser nor a script can
/// set it. It lives as long as the cookie and no longer; a cookie without it counts as never proved.
/// </summary>
public sealed class RecentProof(TimeProvider time, IOptions<SecurityOptions> options)
{
    public const string ClaimType = "scoutprime:proved_at";

    /// <summary>The page that asks for the proof (Areas/Identity/Pages/Account/ConfirmIdentity).</summary>
    public const string PagePath = "/Identity/Account/ConfirmIdentity";

    public static Claim ClaimAt(DateTimeOffset at) =>
        new(ClaimType, at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64);

    public static DateTimeOffset? ProvedAt(ClaimsPrincipal? user) =>
        user?.FindFirst(ClaimType)?.Value is { } value
        && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    public bool IsFresh(ClaimsPrincipal user) =>
        ProvedAt(user) is { } at && time.GetUtcNow() - at <= options.Value.RevealFreshness;

    /// <summary>Carries the proof time from a principal about to be replaced (same session, nothing proved).</summary>
    public static void CarryOver(ClaimsPrincipal from, ClaimsPrincipal to)
    {
        if (from.FindFirst(ClaimType) is { } proof && to.Identity is ClaimsIdentity identity && !to.HasClaim(c => c.Type == ClaimType))
        {
            identity.AddClaim(new Claim(proof.Type, proof.Value, proof.ValueType));
        }
    }
}
