using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.Security;

/// <summary>
/// Identity's sign-in manager, stamping every sign-in with the time of its proof (<see cref="RecentProof"/>). Every way
/// of signing in (password, password and code, recovery code, passkey) ends in <see cref="SignInWithClaimsAsync"/>,
/// so each counts as a fresh proof. A refresh (after a password change, say) re-issues the cookie and proves nothing:
/// it keeps the time it had, or none.
/// </summary>
public sealed class AppSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    TimeProvider time)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private Claim? _carried;
    private bool _refreshing;

    public override async Task RefreshSignInAsync(AppUser user)
    {
        var current = await Context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        _carried = current.Principal?.FindFirst(RecentProof.ClaimType);
        _refreshing = true;
        try
        {
            await base.RefreshSignInAsync(user);
        }
        finally
        {
            _refreshing = false;
            _carried = null;
        }
    }

    public override Task SignInWithClaimsAsync(AppUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var claims = additionalClaims.Where(c => c.Type != RecentProof.ClaimType).ToList();
        var proof = _refreshing ? _carried : RecentProof.ClaimAt(time.GetUtcNow());
        if (proof is not null)
        {
            claims.Add(new Claim(proof.Type, proof.Value, proof.ValueType));
        }

        return base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }

    /// <summary>
    /// Re-issues this session's cookie with a new proof time: same session id, same persistence and expiry, the same
    /// authentication methods. Called once the user has proved it again (<c>ConfirmIdentity</c>).
    /// </summary>
    public async Task RecordProofAsync(AppUser user)
    {
        var current = await Context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var methods = current.Principal?.Claims
            .Where(c => c.Type is ClaimTypes.AuthenticationMethod or "amr")
            .Select(c => new Claim(c.Type, c.Value)).ToList() ?? [];
        await SignInWithClaimsAsync(user, current.Properties, methods);
    }
}
