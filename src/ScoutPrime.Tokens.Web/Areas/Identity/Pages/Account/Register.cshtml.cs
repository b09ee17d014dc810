using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity;

namespace ScoutPrime.Tokens.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Identity UI's registration page model as the scaffolder writes it, trimmed: no external providers, no
/// confirmation mail (accounts need none here, so the new user is signed in at once), and no group: an
/// administrator adds the user to the API Tokens Group.
/// </summary>
[AllowAnonymous]
[RegistrationOpen]
public sealed partial class RegisterModel(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    ILogger<RegisterModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ReturnUrl { get; private set; } = ReturnUrls.Home;

    public void OnGet(string? returnUrl = null) => ReturnUrl = ReturnUrls.Resolve(Url, returnUrl);

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = ReturnUrls.Resolve(Url, returnUrl);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = new AppUser { UserName = Input.Email, Email = Input.Email };
        var result = await users.CreateAsync(user, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }

            return Page();
        }

        LogRegistered(logger, user.Id);
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect(ReturnUrl);
    }

    public sealed class InputModel
    {
        [Required]
        [EmailAddress]
        public string Email { get; set; } = string.Empty;

        /// <remarks>The length and character rules are Identity's password options; this only caps the input.</remarks>
        [Required]
        [StringLength(100, ErrorMessage = "The {0} must be at most {1} characters long.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = string.Empty;

        [DataType(DataType.Password)]
        [Display(Name = "Confirm password")]
        [Compare(nameof(Password), ErrorMessage = "The password and confirmation password do not match.")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} registered")]
    private static partial void LogRegistered(ILogger logger, string userId);
}
