using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Infrastructure;

namespace ScoutPrime.Tokens.Web.Settings;

/// <summary>Administrators' Settings screen: the token policies, stored in the database and audited.</summary>
[Authorize(Policy = Policies.Administer)]
[Route("admin/settings")]
[ReadNulForms]
public sealed class SettingsController(TokenPolicyStore store, TokenPolicyService policies) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        // Read fresh: the screen shows what is stored, even if this instance has not reloaded a save made elsewhere.
        await store.ReloadAsync(ct);
        return View(PolicyForm.From(store.Current));
    }

    [HttpPost("")]
    public async Task<IActionResult> Index(PolicyForm form, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(form);
        }

        var change = await policies.SaveAsync(User.GetUserId(), form.ToPolicy(), ct);
        TempData.SetFlash(change switch
        {
            { Changed: false } => "Nothing changed.",
            { Shortened: 0 } => "Settings saved.",
            { Shortened: 1 } => "Settings saved. 1 token now expires sooner, within the new maximum timeout.",
            _ => $"Settings saved. {change.Shortened} tokens now expire sooner, within the new maximum timeout.",
        });
        return RedirectToAction(nameof(Index));
    }
}
