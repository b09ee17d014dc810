using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Identity.Passkeys;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace ScoutPrime.Tokens.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Identity UI's sign-in page model as the scaffolder writes it, trimmed to what the product uses (no external
/// providers), with lockout on failure, a limit per client address, and one message for every failure.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(SignInRateLimit.Policy)]
public sealed partial class LoginModel(
    SignInManager<AppUser> signIn,
    PasskeyCeremonies passkeys,
    IOptions<IdentitySiteOptions> site,
    ILogger<LoginModel> logger) : PageModel
{
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ReturnUrl { get; private set; } = ReturnUrls.Home;

    /// <summary>Set by Identity's two-factor pages when they send the visitor back here.</summary>
    [TempData]
    public string? ErrorMessage { get; set; }

    /// <summary>
    /// Wrong password, unknown email and locked account read the same, so the page never tells whether an account
    /// exists; it states the lockout rule instead, so the account's owner knows why the right password fails.
    /// </summary>
    public string FailureMessage =>
        $"Sign-in failed. Check your email and password. After {site.Value.Lockout.MaxFailedAttempts} failed attempts in a row, " +
        $"an account is locked for {site.Value.Lockout.Minutes} minutes.";

    public async Task OnGetAsync(string? returnUrl = null)
    {
        if (!string.IsNullOrEmpty(ErrorMessage))
        {
            ModelState.AddModelError(string.Empty, ErrorMessage);
        }

        ReturnUrl = ReturnUrls.Resolve(Url, returnUrl);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = ReturnUrls.Resolve(Url, returnUrl);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await signIn.UserManager.FindByEmailAsync(Input.Email);
        var result = user is null
            ? SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            LogSignedIn(logger, user!.Id);
            return LocalRedirect(ReturnUrl);
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("./LoginWith2fa", new { ReturnUrl, Input.RememberMe });
        }

        if (user is null || result.IsLockedOut)
        {
            // Neither checked a password: spend the time a check takes, so the answer's delay does not tell either.
            signIn.UserManager.PasswordHasher.VerifyHashedPassword(new AppUser(), DummyHash.Value, Input.Password);
        }

        if (result.IsLockedOut)
        {
            LogLockedOut(logger, user!.Id);
        }

        ModelState.AddModelError(string.Empty, FailureMessage);
        return Page();
    }

    /// <summary>The challenge for "Sign in with a passkey", fetched by wwwroot/js/passkeys.js: any of this site's passkeys.</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync() =>
        Content(await passkeys.RequestOptionsAsync(null), "application/json");

    /// <summary>
    /// Signs in with the passkey the browser chose. Not Identity's PasskeySignInAsync: that signs in whoever the
    /// passkey belongs to, a locked-out account too; here an administrator's lockout holds, as it does for passwords.
    /// </summary>
    public async Task<IActionResult> OnPostPasskeyAsync(string? credential, string? returnUrl = null)
    {
        ReturnUrl = ReturnUrls.Resolve(Url, returnUrl);
        ModelState.Clear(); // the email and password fields were not part of this form
        var (user, failure) = await passkeys.AssertAsync(credential);
        if (user is not null && (!await signIn.CanSignInAsync(user) || await signIn.UserManager.IsLockedOutAsync(user)))
        {
            LogLockedOut(logger, user.Id);
            (user, failure) = (null, PasskeyFailure.LockedOut);
        }

        if (user is null)
        {
            ModelState.AddModelError(string.Empty, failure!.Message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "pkey");
        LogSignedInWithPasskey(logger, user.Id);
        return LocalRedirect(ReturnUrl);
    }

    public sealed class InputModel
    {
        [Required]
        [EmailAddress]
        public string Email { get; set; } = string.Empty;

        [Required]
        [DataType(DataType.Password)]
        public string Password { get; set; } = string.Empty;

        [Display(Name = "Keep me signed in")]
        public bool RememberMe { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} signed in")]
    private static partial void LogSignedIn(ILogger logger, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} signed in with a passkey")]
    private static partial void LogSignedInWithPasskey(ILogger logger, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused: user {UserId} is locked out")]
    private static partial void LogLockedOut(ILogger logger, string userId);
}
