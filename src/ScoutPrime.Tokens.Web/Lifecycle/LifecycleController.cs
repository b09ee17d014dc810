using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Infrastructure;
using ScoutPrime.Tokens.Web.Security;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Lifecycle;

/// <summary>Rotate, suspend and resume one's own tokens from the API Tokens screen; every answer leads back to the list.</summary>
[Authorize(Policy = Policies.ManageTokens)]
[RequireStrongSignIn]
[Route("tokens/{id:guid}")]
[ReadNulForms]
public sealed class LifecycleController(TokenService tokens, TokenRotation rotation, TokenSuspension suspension, TimeProvider time) : Controller
{
    private string UserId => User.GetUserId();

    // Rotating leads to the new code, so it needs the same fresh proof as Show; a stale POST comes back to the GET.
    [HttpGet("rotate")]
    [RequireRecentProof]
    public async Task<IActionResult> Rotate(Guid id, CancellationToken ct)
    {
        var token = await tokens.FindForOwnerAsync(UserId, id, ct);
        return token is null ? NotFound()
            : RotationRefusal(token) is { } refusal ? Refused(token, refusal)
            : View(new RotateViewModel(token, Overlap.FirstUse.Name));
    }

    [HttpPost("rotate")]
    [RequireRecentProof]
    public async Task<IActionResult> Rotate(Guid id, string? overlap, CancellationToken ct)
    {
        var token = await tokens.FindForOwnerAsync(UserId, id, ct);
        if (token is null)
        {
            return NotFound();
        }

        // The form always sends a choice (one is checked): none at all is as wrong as an unknown one.
        if (string.IsNullOrEmpty(overlap) || Overlap.Parse(overlap) is not { } chosen)
        {
            ModelState.AddModelError(nameof(overlap), "Choose how long the old code keeps working.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(new RotateViewModel(token, Overlap.FirstUse.Name));
        }

        var result = await rotation.RotateAsync(UserId, id, chosen, UserId, idempotencyKey: null, revealedTo: null, ct);
        switch (result.Outcome)
        {
            case RotationOutcome.Done:
                TempData.SetFlash(LifecycleText.Rotated(token.Description, result, time.GetUtcNow()));
                TempData[TokensController.NewTokenKey] = result.SuccessorId;
                return RedirectToAction(nameof(TokensController.Index), "Tokens");
            case RotationOutcome.NotFound:
                return NotFound();
            default:
                return Refused(token, LifecycleText.RotationRefusal(result.Outcome));
        }
    }

    [HttpPost("suspend")]
    public Task<IActionResult> Suspend(Guid id, CancellationToken ct) => SetSuspendedAsync(id, suspend: true, ct);

    [HttpPost("resume")]
    public Task<IActionResult> Resume(Guid id, CancellationToken ct) => SetSuspendedAsync(id, suspend: false, ct);

    private async Task<IActionResult> SetSuspendedAsync(Guid id, bool suspend, CancellationToken ct)
    {
        var (outcome, description) = await suspension.SetAsync(UserId, id, suspend, ct);
        if (outcome == SuspensionOutcome.NotFound)
        {
            return NotFound();
        }

        if (outcome == SuspensionOutcome.Expired)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View("Refused", new LifecycleRefusalViewModel(description!, LifecycleText.SuspensionOfExpired));
        }

        TempData.SetFlash(LifecycleText.Suspension(description!, suspend));
        return RedirectToAction(nameof(TokensController.Index), "Tokens");
    }

    private string? RotationRefusal(TokenSummary token) =>
        token.IsReplaced ? LifecycleText.RotationRefusal(RotationOutcome.AlreadyReplaced)
        : token.IsExpired(time.GetUtcNow()) ? LifecycleText.RotationRefusal(RotationOutcome.Expired)
        : token.IsSuspended ? LifecycleText.RotationRefusal(RotationOutcome.Suspended)
        : null;

    private ViewResult Refused(TokenSummary token, string message)
    {
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View("Refused", new LifecycleRefusalViewModel(token.Description, message));
    }
}
