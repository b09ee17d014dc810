using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Admin;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Security;
using ScoutPrime.Tokens.Web.Tokens;
using ScoutPrime.Tokens.Web.Usage;

namespace ScoutPrime.Tokens.Web.Lifecycle;

public sealed record TokenDetailsViewModel(
    TokenSummary Token, IReadOnlyList<HistoryRow> History, IReadOnlyList<TokenAddressRow> Addresses, DateTimeOffset Now, string BackUrl, string BackLabel);

/// <summary>A token as the API describes it on its own: metadata and lifecycle, never a code.</summary>
public sealed record TokenDetailsResponse(
    Guid Id, string Description, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt,
    DateTimeOffset? SuspendedAt, Guid? ReplacedById, DateTimeOffset? ReplacedUntil, IReadOnlyList<TokenAddressRow> Addresses);

/// <summary>One token's own history from the audit trail, scoped to its owner like every token query.</summary>
public sealed class TokenHistory(TokensDbContext db)
{
    public const int Length = 50;

    public async Task<IReadOnlyList<HistoryRow>> ForTokenAsync(string ownerId, Guid tokenId, CancellationToken ct) =>
        await db.AuditEntries.AsNoTracking()
            .Where(a => a.SubjectUserId == ownerId && a.TokenId == tokenId)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Take(Length)
            .Select(a => new HistoryRow(a.At, a.Action, db.Users.Where(u => u.Id == a.ActorId).Select(u => u.Email).FirstOrDefault(), a.TokenId, a.Detail))
            .ToListAsync(ct);
}

/// <summary>The details page: the owner's own tokens, and any user's for administrators (from Group members).</summary>
public sealed class TokenDetailsController(TokenService tokens, TokenHistory history, TokenAddresses addresses, TimeProvider time) : Controller
{
    [Authorize(Policy = Policies.ManageTokens)]
    [RequireStrongSignIn]
    [HttpGet("tokens/{id:guid}/details")]
    public Task<IActionResult> Details(Guid id, CancellationToken ct) =>
        ShowAsync(User.GetUserId(), id, Url.Action("Index", "Tokens")!, "Back to API Tokens", ct);

    [Authorize(Policy = Policies.Administer)]
    [HttpGet("admin/users/{userId}/tokens/{id:guid}")]
    public Task<IActionResult> ForAdministrator(string userId, Guid id, CancellationToken ct) =>
        ShowAsync(userId, id, Url.Action(nameof(UsersController.Details), "Users", new { id = userId })!, "Back to the user", ct);

    /// <summary><c>GET /api/v1/tokens/{id}</c>: one of the caller's tokens; another user's is a 404 like a missing one.</summary>
    public static async Task<Results<Ok<TokenDetailsResponse>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, TokenService tokens, TokenAddresses addresses, CancellationToken ct) =>
        await tokens.FindForOwnerAsync(user.GetUserId(), id, ct) is { } t
            ? TypedResults.Ok(new TokenDetailsResponse(
                t.Id, t.Description, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.SuspendedAt, t.ReplacedById, t.ReplacedUntil, await addresses.ForTokenAsync(t.Id, ct)))
            : TypedResults.Problem("No such token.", statusCode: StatusCodes.Status404NotFound);

    private async Task<IActionResult> ShowAsync(string ownerId, Guid id, string backUrl, string backLabel, CancellationToken ct)
    {
        var token = await tokens.FindForOwnerAsync(ownerId, id, ct);
        return token is null
            ? NotFound()
            : View("~/Views/Lifecycle/Details.cshtml", new TokenDetailsViewModel(
                token, await history.ForTokenAsync(ownerId, id, ct), await addresses.ForTokenAsync(id, ct), time.GetUtcNow(), backUrl, backLabel));
    }
}
