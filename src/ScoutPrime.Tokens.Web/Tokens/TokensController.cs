using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Infrastructure;
using ScoutPrime.Tokens.Web.Security;

namespace ScoutPrime.Tokens.Web.Tokens;

[Authorize(Policy = Policies.ManageTokens)]
[RequireStrongSignIn]
[Route("tokens")]
[ReadNulForms]
public sealed class TokensController(TokenService tokens, TokenViewModelFactory views) : Controller
{
    /// <summary>The token to highlight with its Show button focused: a created one, or a rotation's successor.</summary>
    public const string NewTokenKey = "NewToken";

    private string UserId => User.GetUserId();

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await ListAsync(null, null, ct));

    /// <summary>
    /// Where the proof page sends the browser back to after a stale Show: the list with that token's Show focused, so
    /// one more press (a POST) shows the code. A GET never reveals: a cross-site link carries the cookie (SameSite=Lax),
    /// and a reveal is audited and, under "reveal once", uses up the only Show.
    /// </summary>
    [HttpGet("{id:guid}/reveal")]
    [RequireRecentProof]
    public async Task<IActionResult> RevealReady(Guid id, CancellationToken ct)
    {
        var list = await ListAsync(null, null, ct, focusId: id);
        return list.Rows.Any(r => r.Token.Id == id) ? View(nameof(Index), list) : NotFound();
    }

    /// <summary>Show.</summary>
    [HttpPost("{id:guid}/reveal")]
    [RequireRecentProof]
    public async Task<IActionResult> Reveal(Guid id, CancellationToken ct)
    {
        var reveal = await tokens.RevealAsync(UserId, id, SecurityAudit.From(HttpContext), ct);
        if (reveal.Outcome == RevealOutcome.NotFound)
        {
            return NotFound();
        }

        if (reveal is not { Outcome: RevealOutcome.Shown, Code: { } code })
        {
            // tokens.js answers a refused Show by posting the form as a page, which lands here and shows why.
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View("AlreadyShown");
        }

        Response.Headers.CacheControl = "no-store";
        return Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase)
            ? Json(new { code })
            : View(nameof(Index), await ListAsync(id, code, ct));
    }

    [HttpGet("new")]
    public async Task<IActionResult> Create(CancellationToken ct) => View(views.Create(await tokens.CountForOwnerAsync(UserId, ct)));

    [HttpPost("new")]
    public async Task<IActionResult> Create(TokenForm form, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else if (await tokens.CreateAsync(UserId, form.Description!, form.TimeoutDays!.Value, ct) is { } id)
        {
            TempData.SetFlash($"Token '{form.Description}' created. Click Show to see its code.");
            TempData[NewTokenKey] = id;
            return RedirectToAction(nameof(Index));
        }
        else
        {
            // At the cap: the form comes back with the allowance's message and nothing is lost.
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        return View(views.Create(await tokens.CountForOwnerAsync(UserId, ct), form));
    }

    [HttpGet("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct) =>
        EditForm(await tokens.FindForOwnerAsync(UserId, id, ct), form: null, StatusCodes.Status200OK);

    [HttpPost("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, TokenForm form, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return EditForm(await tokens.FindForOwnerAsync(UserId, id, ct), form, StatusCodes.Status400BadRequest);
        }

        var update = await tokens.UpdateAsync(UserId, id, form.Description!, form.TimeoutDays!.Value, form.Version, ct);
        switch (update)
        {
            case { Outcome: TokenChange.Done }:
                TempData.SetFlash($"Token '{form.Description}' saved.");
                return RedirectToAction(nameof(Index));
            case { Outcome: TokenChange.Expired, Current: { } expired }:
                return ExpiredRefusal(expired);
            case { Outcome: TokenChange.Conflict, Current: { } current }:
                // The form keeps what was typed, but now carries the current version: saving again is deliberate.
                ModelState.AddModelError(string.Empty, TokenText.ConflictMessage);
                ModelState.Remove(nameof(TokenForm.Version));
                form.Version = current.Version;
                return EditForm(current, form, StatusCodes.Status409Conflict);
            default:
                return NotFound();
        }
    }

    [HttpGet("{id:guid}/delete")]
    public async Task<IActionResult> Delete(Guid id, CancellationToken ct)
    {
        var token = await tokens.FindForOwnerAsync(UserId, id, ct);
        return token is null ? NotFound() : View(token);
    }

    [HttpPost("{id:guid}/delete")]
    [ActionName(nameof(Delete))]
    public async Task<IActionResult> DeleteConfirmed(Guid id, CancellationToken ct)
    {
        if (await tokens.DeleteAsync(UserId, id, ct) is not { } description)
        {
            return NotFound();
        }

        TempData.SetFlash($"Token '{description}' deleted.");
        return RedirectToAction(nameof(Index));
    }

    /// <summary>The Edit form for a token that can still be edited; a missing token is 404, an expired one 409.</summary>
    private IActionResult EditForm(TokenSummary? token, TokenForm? form, int status)
    {
        if (token is null)
        {
            return NotFound();
        }

        if (views.IsExpired(token))
        {
            return ExpiredRefusal(token);
        }

        Response.StatusCode = status;
        return View(nameof(Edit), views.Edit(token, form));
    }

    private ViewResult ExpiredRefusal(TokenSummary token)
    {
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View("Expired", token);
    }

    // TempData gives a Guid back as a Guid.
    private async Task<TokenListViewModel> ListAsync(Guid? revealedId, string? code, CancellationToken ct, Guid? focusId = null) =>
        views.List(await tokens.ListForOwnerAsync(UserId, ct), revealedId, code, TempData[NewTokenKey] as Guid?, focusId);
}
