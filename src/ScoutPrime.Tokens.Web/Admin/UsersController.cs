using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Admin;

/// <summary>Administrators find users, read their tokens' metadata and history, and delete a leaked token.</summary>
[Authorize(Policy = Policies.Administer)]
[Route("admin/users")]
public sealed class UsersController(UserDirectory directory, TokenService tokens, UserSessions sessions, TimeProvider time, IOptions<TokenOptions> options) : Controller
{
    /// <remarks>Not "page": routing reserves that name for Razor Pages, and links carrying it would not be generated.</remarks>
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, bool members, int pageNumber, CancellationToken ct) =>
        View(await directory.SearchAsync(q, members, pageNumber, ct));

    [HttpGet("{id}")]
    public async Task<IActionResult> Details(string id, CancellationToken ct)
    {
        var user = await directory.FindAsync(id, ct);
        if (user is null)
        {
            return NotFound();
        }

        var now = time.GetUtcNow();
        var rows = (await tokens.ListForOwnerAsync(id, ct))
            .Select(t => new AdminTokenRow(t, t.StatusAt(now, options.Value.ExpiresSoonDays)))
            .ToList();
        var history = await directory.HistoryAsync(id, ct);
        return View(new UserDetailsViewModel(user, rows, history, id == User.GetUserId(), now));
    }

    [HttpGet("{id}/tokens/{tokenId:guid}/delete")]
    public async Task<IActionResult> DeleteToken(string id, Guid tokenId, CancellationToken ct)
    {
        var user = await directory.FindAsync(id, ct);
        var token = user is null ? null : await tokens.FindForOwnerAsync(id, tokenId, ct);
        return token is null ? NotFound() : View(new AdminTokenDeletionViewModel(user!, token));
    }

    [HttpPost("{id}/tokens/{tokenId:guid}/delete")]
    [ActionName(nameof(DeleteToken))]
    public async Task<IActionResult> DeleteTokenConfirmed(string id, Guid tokenId, CancellationToken ct)
    {
        if (await tokens.DeleteAsAdministratorAsync(User, id, tokenId, ct) is not { } description)
        {
            return NotFound();
        }

        TempData.SetFlash($"Token '{description}' deleted.");
        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>Signs the user out of every browser at their next request, e.g. when their laptop is lost.</summary>
    [HttpPost("{id}/sessions/end")]
    public async Task<IActionResult> EndSessions(string id, CancellationToken ct)
    {
        if (await directory.FindAsync(id, ct) is not { } user || !await sessions.EndAllAsync(User.GetUserId(), id, ct))
        {
            return NotFound();
        }

        TempData.SetFlash($"Every session of {user.Email} ended.");
        return RedirectToAction(nameof(Details), new { id });
    }
}
