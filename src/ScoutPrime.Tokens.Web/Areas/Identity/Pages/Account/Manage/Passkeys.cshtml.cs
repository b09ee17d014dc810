using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity.Passkeys;
using ScoutPrime.Tokens.Web.Infrastructure;

namespace ScoutPrime.Tokens.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Account settings: the user's passkeys. Adding one takes the browser (JavaScript); the rest works without.</summary>
[Authorize]
public sealed class PasskeysModel(AccountPasskeys passkeys, UserManager<AppUser> users) : PageModel
{
    public const string NeedsJavaScript = "Adding a passkey needs JavaScript and a browser that supports passkeys.";

    public IReadOnlyList<PasskeyRow> Passkeys { get; private set; } = [];

    [BindProperty]
    [Required(ErrorMessage = "Give the passkey a name, e.g. the device it is on.")]
    [StringLength(AccountPasskeys.MaxNameLength, ErrorMessage = "A passkey's name is at most {1} characters.")]
    [Display(Name = "Name")]
    public string? Name { get; set; }

    public async Task<IActionResult> OnGetAsync() => await ShowAsync();

    public async Task<IActionResult> OnPostCreationOptionsAsync() =>
        Content(await passkeys.CreationOptionsAsync(await CurrentUserAsync()), "application/json");

    public async Task<IActionResult> OnPostAddAsync(string? credential)
    {
        var user = await CurrentUserAsync();
        if (ModelState.IsValid && await passkeys.AddAsync(user, Name!.Trim(), credential) is { } failure)
        {
            ModelState.AddModelError(string.Empty, failure == PasskeyFailure.NoCredential ? NeedsJavaScript : failure.Message);
        }

        if (!ModelState.IsValid)
        {
            return await ShowAsync(StatusCodes.Status400BadRequest);
        }

        TempData.SetFlash($"Passkey '{Name!.Trim()}' added.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRenameAsync(string? id)
    {
        if (!ModelState.IsValid)
        {
            return await ShowAsync(StatusCodes.Status400BadRequest);
        }

        if (!await passkeys.RenameAsync(await CurrentUserAsync(), id, Name!.Trim()))
        {
            return NotFound();
        }

        TempData.SetFlash($"Passkey renamed to '{Name!.Trim()}'.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? id)
    {
        ModelState.Clear(); // no name in this form
        if (!await passkeys.RemoveAsync(await CurrentUserAsync(), id))
        {
            return NotFound();
        }

        TempData.SetFlash("Passkey removed. Remove it from your device too, or it will keep offering it here.");
        return RedirectToPage();
    }

    private async Task<IActionResult> ShowAsync(int status = StatusCodes.Status200OK)
    {
        Passkeys = await passkeys.ListAsync(await CurrentUserAsync());
        Response.StatusCode = status;
        return Page();
    }

    // [Authorize] let the request in, and the session check found the user: only a deletion within this request is left.
    private async Task<AppUser> CurrentUserAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("The signed-in user no longer exists.");
}
