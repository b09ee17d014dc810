using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity;

namespace ScoutPrime.Tokens.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Account settings: sign out of every browser at once, e.g. after using a shared computer.</summary>
[Authorize]
public sealed class SessionsModel(UserSessions sessions, SignInManager<AppUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var userId = User.GetUserId();
        await sessions.EndAllAsync(userId, userId, ct);
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Logout");
    }
}
