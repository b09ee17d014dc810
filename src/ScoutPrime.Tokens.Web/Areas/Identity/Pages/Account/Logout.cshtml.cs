using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity;

namespace ScoutPrime.Tokens.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Identity UI's logout page model, scaffolded for its return URL: signing out ends this session for good
/// (<see cref="UserSessions"/>), so a copy of the cookie no longer works on any instance.
/// </summary>
[AllowAnonymous]
public sealed class LogoutModel(SignInManager<AppUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        await signIn.SignOutAsync();
        return returnUrl is null ? RedirectToPage() : LocalRedirect(ReturnUrls.Resolve(Url, returnUrl));
    }
}
