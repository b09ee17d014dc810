using System.Data.Common;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.Identity;

/// <summary>
/// Checks every cookie-authenticated request against the database, in one indexed query:
/// the session must not have been logged out (<see cref="UserSessions"/>), and the user's security stamp
/// must still be the one the cookie was issued with (a password change, a lockout, a removal from the
/// group, "Sign out everywhere" or an administrator's "End sessions" change it). Otherwise the cookie is
/// refused at once, on every instance, instead of at Identity's next 30-minute validation.
/// The same query reads the user's roles, so a membership change reaches a signed-in user on their next
/// request: only when the roles differ is the principal rebuilt and the cookie reissued (an added user
/// keeps their session and sees the new link).
/// </summary>
internal static class CurrentSession
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return;
        }

        var services = context.HttpContext.RequestServices;
        var claimTypes = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var signIn = services.GetRequiredService<SignInManager<AppUser>>();
        // A cookie without a session id predates session tracking and could not be logged out: refuse it.
        if (UserSessions.SessionIdOf(context.Properties) is not { } sessionId)
        {
            await RejectAsync(context, signIn);
            return;
        }

        var db = services.GetRequiredService<TokensDbContext>();
        Standing? standing;
        try
        {
            // One row of scalars; each role is an EXISTS on the (UserId, RoleId) key. A join to the roles (a list
            // instead of flags) costs twice as much on SQLite, which cannot flatten it under the outer join.
            standing = await db.Users.Where(u => u.Id == userId)
                .Select(u => new Standing(
                    u.SecurityStamp,
                    db.Set<EndedSession>().Any(s => s.Id == sessionId),
                    db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.ApiTokensGroup)),
                    db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Administrators))))
                .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        }
        catch (DbException)
        {
            // The database is away: whatever this request needs from it will fail and answer 503.
            // Failing here instead would break the error page too (authentication runs again to render it).
            return;
        }

        if (standing is null || standing.Ended || standing.SecurityStamp != context.Principal.FindFirstValue(claimTypes.SecurityStampClaimType))
        {
            await RejectAsync(context, signIn);
            return;
        }

        if (standing.RoleNames.SetEquals(context.Principal.FindAll(claimTypes.RoleClaimType).Select(c => c.Value)))
        {
            return;
        }

        var user = await signIn.UserManager.FindByIdAsync(userId);
        if (user is null)
        {
            await RejectAsync(context, signIn);
            return;
        }

        // A role change is not a proof of identity: the new principal keeps the last proof's time.
        var principal = await signIn.CreateUserPrincipalAsync(user);
        Security.RecentProof.CarryOver(context.Principal, principal);
        context.ReplacePrincipal(principal);
        context.ShouldRenew = true;
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context, SignInManager<AppUser> signIn)
    {
        context.RejectPrincipal();
        await signIn.SignOutAsync(); // deletes the cookie in the browser
    }

    /// <remarks>Only the application's roles (<see cref="Roles.All"/>) exist: every role change goes through GroupMembershipService.</remarks>
    private sealed record Standing(string? SecurityStamp, bool Ended, bool InGroup, bool Administrator)
    {
        public HashSet<string> RoleNames { get; } = new(
            new[] { InGroup ? Roles.ApiTokensGroup : null, Administrator ? Roles.Administrators : null }.OfType<string>(),
            StringComparer.Ordinal);
    }
}
