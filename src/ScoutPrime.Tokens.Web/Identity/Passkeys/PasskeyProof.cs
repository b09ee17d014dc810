using Microsoft.AspNetCore.Identity;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.Identity.Passkeys;

/// <summary>
/// A passkey as proof that the signed-in user is still the one at the keyboard (the fresh proof asked before a
/// token is revealed). The caller asks for <see cref="RequestOptionsAsync"/> (only the user's own passkeys are
/// offered), the browser answers through wwwroot/js/passkeys.js, and <see cref="VerifyAsync"/> judges the answer.
/// On success the caller re-issues the sign-in with its own record of when the proof happened, and audits it.
/// </summary>
public sealed class PasskeyProof(PasskeyCeremonies ceremonies, UserManager<AppUser> users)
{
    public Task<string> RequestOptionsAsync(AppUser user) => ceremonies.RequestOptionsAsync(user);

    /// <summary>
    /// Null when <paramref name="credentialJson"/> answers this browser's latest challenge, within its 5 minutes and
    /// for the first time, with one of <paramref name="user"/>'s own passkeys; otherwise why not. A presented
    /// credential that fails counts toward the user's lockout, as a wrong password does; a locked-out user cannot prove.
    /// </summary>
    public async Task<PasskeyFailure?> VerifyAsync(AppUser user, string? credentialJson)
    {
        if (await users.IsLockedOutAsync(user))
        {
            return PasskeyFailure.LockedOut;
        }

        var (asserted, failure) = await ceremonies.AssertAsync(credentialJson);
        if (asserted is not null && asserted.Id == user.Id)
        {
            return null;
        }

        if (failure != PasskeyFailure.NoCredential)
        {
            await users.AccessFailedAsync(user);
        }

        return failure ?? PasskeyFailure.Refused;
    }
}
