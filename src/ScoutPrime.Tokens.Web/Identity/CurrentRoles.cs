using System.Data.Common;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.Identity;

/// <summary>
/// Makes a membership change reach a signed-in user on their next request, not at their next sign-in.
/// The cookie carries the roles it was issued with; each request compares them with the database (one
/// indexed query) and, only when they differ, rebuilds the principal and reissues the cookie.
/// Chosen over updating the security stamp and validating it on every request: that signs the changed
/// user out (so an added user would never see the new link) and reloads the whole principal and
/// rewrites the cookie on every request.
/// </summary>
internal static class CurrentRoles
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return;
        }

        var services = context.HttpContext.RequestServices;
        var db = services.GetRequiredService<TokensDbContext>();
        List<string> current;
        try
        {
            current = await db.UserRoles.Where(ur => ur.UserId == userId)
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
                .ToListAsync(context.HttpContext.RequestAborted);
        }
        catch (DbException)
        {
            // The database is away: whatever this request needs from it will fail and answer 503.
            // Failing here instead would break the error page too (authentication runs again to render it).
            return;
        }

        var roleClaimType = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.RoleClaimType;
        if (current.ToHashSet(StringComparer.Ordinal).SetEquals(context.Principal.FindAll(roleClaimType).Select(c => c.Value)))
        {
            return;
        }

        var signIn = services.GetRequiredService<SignInManager<AppUser>>();
        var user = await signIn.UserManager.FindByIdAsync(userId);
        if (user is null)
        {
            context.RejectPrincipal();
            await signIn.SignOutAsync();
            return;
        }

        context.ReplacePrincipal(await signIn.CreateUserPrincipalAsync(user));
        context.ShouldRenew = true;
    }
}
