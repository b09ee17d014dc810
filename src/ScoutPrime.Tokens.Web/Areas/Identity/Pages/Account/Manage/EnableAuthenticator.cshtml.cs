using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Identity UI's page model as the scaffolder writes it, with the QR code drawn here as an SVG image (no script and no
/// outside service ever sees the key), and the sign-in cookie re-issued once two-factor is on: turning it on changes
/// the security stamp, which ends the user's other sessions (signed in with a password only) but not this one.
/// </summary>
[Authorize]
public sealed partial class EnableAuthenticatorModel(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    UrlEncoder urlEncoder,
    ILogger<EnableAuthenticatorModel> logger) : PageModel
{
    private const string Issuer = "scoutPRIME Tokens";

    public string SharedKey { get; private set; } = string.Empty;

    /// <summary>The QR code of the otpauth:// address, as a data: URL of an SVG (the CSP allows data: images only).</summary>
    public string QrCodeImage { get; private set; } = string.Empty;

    [TempData]
    public string[]? RecoveryCodes { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        await LoadSharedKeyAndQrCodeAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            await LoadSharedKeyAndQrCodeAsync(user);
            return Page();
        }

        var code = Input.Code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError("Input.Code", "That code is not right. Enter the code the app shows now.");
            await LoadSharedKeyAndQrCodeAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        await signIn.RefreshSignInAsync(user);
        LogEnabled(logger, user.Id);
        StatusMessage = "Your authenticator app has been verified.";
        if (await users.CountRecoveryCodesAsync(user) == 0)
        {
            RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
            return RedirectToPage("./ShowRecoveryCodes");
        }

        return RedirectToPage("./TwoFactorAuthentication");
    }

    private async Task LoadSharedKeyAndQrCodeAsync(AppUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user); // a new key changes the security stamp
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        SharedKey = FormatKey(key!);
        var email = await users.GetEmailAsync(user);
        var uri = string.Format(
            CultureInfo.InvariantCulture,
            "otpauth://totp/{0}:{1}?secret={2}&issuer={0}&digits=6",
            urlEncoder.Encode(Issuer),
            urlEncoder.Encode(email!),
            key);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        var svg = new SvgQRCode(data).GetGraphic(5);
        QrCodeImage = "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
    }

    /// <summary>Groups of four, lower case, as Identity's page shows it: easier to type into an app.</summary>
    private static string FormatKey(string key)
    {
        var result = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            result.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return result.ToString().ToLowerInvariant().TrimEnd();
    }

    public sealed class InputModel
    {
        [Required]
        [StringLength(7, MinimumLength = 6, ErrorMessage = "The code is 6 digits.")]
        [DataType(DataType.Text)]
        [Display(Name = "Verification code")]
        public string Code { get; set; } = string.Empty;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} turned on two-factor authentication with an authenticator app")]
    private static partial void LogEnabled(ILogger logger, string userId);
}
