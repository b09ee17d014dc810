using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Infrastructure;

namespace ScoutPrime.Tokens.Web.Admin;

/// <summary>Adds users to and removes them from the API Tokens Group and the Administrators role.</summary>
[Authorize(Policy = Policies.Administer)]
[Route("admin/users/{id}")]
public sealed class MembershipController(GroupMembershipService membership, UserDirectory directory) : Controller
{
    public static string LastAdministratorMessage(string? email) =>
        $"{email} is the last administrator and can't be removed. Make someone else an administrator first.";

    [HttpPost("group")]
    public Task<IActionResult> AddToGroup(string id, string? returnUrl, CancellationToken ct) =>
        ChangeAsync(id, Roles.ApiTokensGroup, member: true, returnUrl, ct);

    [HttpGet("group/remove")]
    public Task<IActionResult> RemoveFromGroup(string id, string? returnUrl, CancellationToken ct) =>
        ConfirmAsync(id, Roles.ApiTokensGroup, returnUrl, ct);

    [HttpPost("group/remove")]
    [ActionName(nameof(RemoveFromGroup))]
    public Task<IActionResult> RemoveFromGroupConfirmed(string id, string? returnUrl, CancellationToken ct) =>
        ChangeAsync(id, Roles.ApiTokensGroup, member: false, returnUrl, ct);

    [HttpPost("administrator")]
    public Task<IActionResult> GrantAdministrator(string id, string? returnUrl, CancellationToken ct) =>
        ChangeAsync(id, Roles.Administrators, member: true, returnUrl, ct);

    [HttpGet("administrator/remove")]
    public Task<IActionResult> RevokeAdministrator(string id, string? returnUrl, CancellationToken ct) =>
        ConfirmAsync(id, Roles.Administrators, returnUrl, ct);

    [HttpPost("administrator/remove")]
    [ActionName(nameof(RevokeAdministrator))]
    public Task<IActionResult> RevokeAdministratorConfirmed(string id, string? returnUrl, CancellationToken ct) =>
        ChangeAsync(id, Roles.Administrators, member: false, returnUrl, ct);

    private async Task<IActionResult> ConfirmAsync(string id, string role, string? returnUrl, CancellationToken ct)
    {
        var user = await directory.FindAsync(id, ct);
        return user is null ? NotFound() : View("Remove", new MembershipRemovalViewModel(user, role, Url.LocalOrNull(returnUrl)));
    }

    private async Task<IActionResult> ChangeAsync(string id, string role, bool member, string? returnUrl, CancellationToken ct)
    {
        // Checked before the change: a refused address falls back to the user's page, never fails after the commit.
        var back = Url.LocalOrNull(returnUrl);
        var user = await directory.FindAsync(id, ct);
        var result = user is null ? MembershipChange.NotFound : await membership.SetMembershipAsync(User.GetUserId(), id, role, member, ct);
        switch (result)
        {
            case MembershipChange.NotFound:
                return NotFound();
            case MembershipChange.LastAdministrator:
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View("Refused", new RefusalViewModel(user!, LastAdministratorMessage(user!.Email)));
        }

        var what = role == Roles.ApiTokensGroup ? "the API Tokens Group" : "Administrators";
        TempData.SetFlash((result, member) switch
        {
            (MembershipChange.Unchanged, true) => $"{user!.Email} was already in {what}.",
            (MembershipChange.Unchanged, false) => $"{user!.Email} was not in {what}.",
            (_, true) => $"{user!.Email} added to {what}.",
            (_, false) => $"{user!.Email} removed from {what}.",
        });

        // An administrator who has just given up the role can no longer open the admin pages.
        if (!member && role == Roles.Administrators && id == User.GetUserId())
        {
            return Redirect("/");
        }

        return back is not null ? LocalRedirect(back) : RedirectToAction(nameof(UsersController.Details), "Users", new { id });
    }
}
