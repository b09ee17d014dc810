using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ScoutPrime.Tokens.Web.Admin;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Infrastructure;

namespace ScoutPrime.Tokens.Web.Lifecycle;

/// <summary>An administrator suspends or resumes another user's token from the Group members user page.</summary>
[Authorize(Policy = Policies.Administer)]
[Route("admin/users/{id}/tokens/{tokenId:guid}")]
public sealed class AdminSuspensionController(TokenSuspension suspension) : Controller
{
    [HttpPost("suspend")]
    public Task<IActionResult> Suspend(string id, Guid tokenId, CancellationToken ct) => SetAsync(id, tokenId, suspend: true, ct);

    [HttpPost("resume")]
    public Task<IActionResult> Resume(string id, Guid tokenId, CancellationToken ct) => SetAsync(id, tokenId, suspend: false, ct);

    private async Task<IActionResult> SetAsync(string id, Guid tokenId, bool suspend, CancellationToken ct)
    {
        var (outcome, description) = await suspension.SetAsAdministratorAsync(User, id, tokenId, suspend, ct);
        switch (outcome)
        {
            case SuspensionOutcome.NotFound:
                return NotFound();
            case SuspensionOutcome.Expired:
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View("~/Views/Lifecycle/Refused.cshtml", new LifecycleRefusalViewModel(
                    description!, LifecycleText.SuspensionOfExpired, Url.Action(nameof(UsersController.Details), "Users", new { id }), "Back to the user"));
            default:
                TempData.SetFlash(LifecycleText.Suspension(description!, suspend));
                return RedirectToAction(nameof(UsersController.Details), "Users", new { id });
        }
    }
}
