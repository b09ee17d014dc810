using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Security;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace ScoutPrime.Tokens.Web.Areas.Identity.Pages.Account;

/// <summary>
/// "Confirm it's you": the proof a reveal asks for once the last one is older than Security:RevealFreshnessMinutes.
/// The password (and, with two-factor on, a code from the authenticator app) is checked as sign-in checks it: each
/// failure counts toward the account's lockout, and a locked account is told so, not asked again.
/// </summary>
[Authorize]
[EnableRateLimiting(SignInRateLimit.Policy)]
public sealed partial class ConfirmIdentityModel(
    AppSignInManager signIn,
    SecurityAudit audit,
    IOptions<IdentitySiteOptions> site,
    ILogger<ConfirmIdentityModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ReturnUrl { get; private set; } = ReturnUrls.Home;

    public bool TwoFactor { get; private set; }

    public string LockedMessage =>
        $"Too many wrong attempts: your account is locked for up to {site.Value.Lockout.Minutes} minutes. Try again later.";

    public async Task<IActionResult> OnGetAsync(string? returnUrl = null)
    {
        ReturnUrl = ReturnUrls.Resolve(Url, returnUrl);
        if (await signIn.UserManager.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        TwoFactor = await signIn.UserManager.GetTwoFactorEnabledAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = ReturnUrls.Resolve(Url, returnUrl);
        if (await signIn.UserManager.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        TwoFactor = await signIn.UserManager.GetTwoFactorEnabledAsync(user);
        if (TwoFactor && string.IsNullOrWhiteSpace(Input.Code))
        {
            ModelState.AddModelError("Input.Code", "Enter the code from your authenticator app.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var password = await signIn.CheckPasswordSignInAsync(user, Input.Password, lockoutOnFailure: true);
        if (password.Succeeded && TwoFactor && !await signIn.UserManager.VerifyTwoFactorTokenAsync(
                user, signIn.Options.Tokens.AuthenticatorTokenProvider, Input.Code!.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal)))
        {
            // A wrong code counts as a failed attempt too, or guessing codes behind a known password would be free.
            await signIn.UserManager.AccessFailedAsync(user);
            password = await signIn.UserManager.IsLockedOutAsync(user) ? SignInResult.LockedOut : SignInResult.Failed;
        }

        if (!password.Succeeded)
        {
            await audit.RecordProofAsync(user.Id, succeeded: false, TwoFactor ? "password and code" : "password", HttpContext);
            LogFailed(logger, user.Id, password.IsLockedOut);
            ModelState.AddModelError(string.Empty, password.IsLockedOut
                ? LockedMessage
                : $"That {(TwoFactor ? "password or code" : "password")} is not right. After {site.Value.Lockout.MaxFailedAttempts} failed attempts in a row, your account is locked for {site.Value.Lockout.Minutes} minutes.");
            return Page();
        }

        await signIn.UserManager.ResetAccessFailedCountAsync(user);
        await signIn.RecordProofAsync(user);
        await audit.RecordProofAsync(user.Id, succeeded: true, TwoFactor ? "password and code" : "password", HttpContext);
        LogProved(logger, user.Id);
        return LocalRedirect(ReturnUrl);
    }

    public sealed class InputModel
    {
        [Required]
        [DataType(DataType.Password)]
        public string Password { get; set; } = string.Empty;

        [StringLength(16)]
        [DataType(DataType.Text)]
        [Display(Name = "Authenticator code")]
        public string? Code { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} confirmed their identity")]
    private static partial void LogProved(ILogger logger, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId} failed to confirm their identity (locked out: {LockedOut})")]
    private static partial void LogFailed(ILogger logger, string userId, bool lockedOut);
}
