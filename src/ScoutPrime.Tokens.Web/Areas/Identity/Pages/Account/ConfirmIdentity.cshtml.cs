using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Identity.Passkeys;
using ScoutPrime.Tokens.Web.Security;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace ScoutPrime.Tokens.Web.Areas.Identity.Pages.Account;

/// <summary>
/// "Confirm it's you": the proof a reveal asks for once the last one is older than Security:RevealFreshnessMinutes.
/// The password (and, with two-factor on, a code from the authenticator app) is checked as sign-in checks it: each
/// failure counts toward the account's lockout, and a locked account is told so, not asked again. A user with a
/// passkey may prove with it instead (<see cref="PasskeyProof"/>, which counts a refused passkey the same way).
/// </summary>
[Authorize]
[EnableRateLimiting(SignInRateLimit.Policy)]
public sealed partial class ConfirmIdentityModel(
    AppSignInManager signIn,
    SecurityAudit audit,
    PasskeyProof passkeys,
    IOptions<IdentitySiteOptions> site,
    ILogger<ConfirmIdentityModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ReturnUrl { get; private set; } = ReturnUrls.Home;

    public bool TwoFactor { get; private set; }

    public bool HasPasskey { get; private set; }

    public string LockedMessage =>
        $"Too many wrong attempts: your account is locked for up to {site.Value.Lockout.Minutes} minutes. Try again later.";

    public async Task<IActionResult> OnGetAsync(string? returnUrl = null)
    {
        ReturnUrl = ReturnUrls.Resolve(Url, returnUrl);
        if (await signIn.UserManager.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        await DescribeAsync(user);
        return Page();
    }

    /// <summary>The challenge for "Use a passkey", fetched by wwwroot/js/passkeys.js: only this user's passkeys.</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync() =>
        await signIn.UserManager.GetUserAsync(User) is { } user
            ? Content(await passkeys.RequestOptionsAsync(user), "application/json")
            : Challenge();

    public async Task<IActionResult> OnPostPasskeyAsync(string? credential, string? returnUrl = null)
    {
        ReturnUrl = ReturnUrls.Resolve(Url, returnUrl);
        if (await signIn.UserManager.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        await DescribeAsync(user);
        if (await passkeys.VerifyAsync(user, credential) is { } failure)
        {
            await audit.RecordProofAsync(user.Id, succeeded: false, "passkey", HttpContext);
            LogFailed(logger, user.Id, await signIn.UserManager.IsLockedOutAsync(user));
            ModelState.AddModelError(string.Empty, failure == PasskeyFailure.LockedOut ? LockedMessage : failure.Message);
            return Page();
        }

        return await ProvedAsync(user, "passkey");
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = ReturnUrls.Resolve(Url, returnUrl);
        if (await signIn.UserManager.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        await DescribeAsync(user);
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

        return await ProvedAsync(user, TwoFactor ? "password and code" : "password");
    }

    private async Task DescribeAsync(AppUser user)
    {
        TwoFactor = await signIn.UserManager.GetTwoFactorEnabledAsync(user);
        HasPasskey = (await signIn.UserManager.GetPasskeysAsync(user)).Count > 0;
    }

    private async Task<IActionResult> ProvedAsync(AppUser user, string how)
    {
        await signIn.UserManager.ResetAccessFailedCountAsync(user);
        await signIn.RecordProofAsync(user);
        await audit.RecordProofAsync(user.Id, succeeded: true, how, HttpContext);
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
