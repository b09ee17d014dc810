using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ScoutPrime.Tokens.Web.Areas.Identity.Pages.Account;

/// <summary>Where the strong sign-in policy sends a member who opens API Tokens with only a password (Security/RequireStrongSignInAttribute).</summary>
[Authorize]
public sealed class StrongSignInRequiredModel : PageModel
{
    public void OnGet()
    {
        Response.Headers.CacheControl = "no-store";
    }
}
