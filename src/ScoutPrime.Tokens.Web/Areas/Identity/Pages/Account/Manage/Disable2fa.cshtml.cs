using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Identity UI's page model as the scaffolder writes it, re-issuing this session's cookie after the change: turning
/// two-factor off changes the security stamp, which (checked on every request here) would otherwise sign the user out.
/// </summary>
[Authorize]
public sealed partial class Disable2faModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, ILogger<Disable2faModel> logger) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        var result = await users.SetTwoFactorEnabledAsync(user, false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Unexpected error occurred disabling two-factor authentication.");
        }

        await signIn.RefreshSignInAsync(user);
        LogDisabled(logger, user.Id);
        StatusMessage = "Two-factor authentication has been turned off. You can turn it on again when you set up an authenticator app.";
        return RedirectToPage("./TwoFactorAuthentication");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} turned off two-factor authentication")]
    private static partial void LogDisabled(ILogger logger, string userId);
}
