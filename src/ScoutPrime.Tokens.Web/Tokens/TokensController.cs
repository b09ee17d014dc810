using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Identity;

namespace ScoutPrime.Tokens.Web.Tokens;

[Authorize(Policy = Policies.ManageTokens)]
[Route("tokens")]
public sealed class TokensController(TokenService tokens, TimeProvider time, IOptions<TokenOptions> options) : Controller
{
    public const string ExpiredMessage = "Expired tokens can't be edited — delete it and create a new one.";
    public const string ConflictMessage =
        "This token was changed since you opened it. Review its current values below, then save again.";

    private const string FlashKey = "Flash";
    private const string NewTokenKey = "NewToken";

    private string UserId => User.GetUserId();

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await ListAsync(null, null, ct));

    [HttpPost("{id:guid}/reveal")]
    public async Task<IActionResult> Reveal(Guid id, CancellationToken ct)
    {
        var code = await tokens.RevealAsync(UserId, id, ct);
        if (code is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase)
            ? Json(new { code })
            : View(nameof(Index), await ListAsync(id, code, ct));
    }

    [HttpGet("new")]
    public IActionResult Create() =>
        View(new TokenCreateViewModel(new TokenForm { TimeoutDays = options.Value.DefaultTimeoutDays }, time.GetUtcNow(), options.Value.MaxTimeoutDays));

    [HttpPost("new")]
    public async Task<IActionResult> Create(TokenForm form, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(new TokenCreateViewModel(form, time.GetUtcNow(), options.Value.MaxTimeoutDays));
        }

        var id = await tokens.CreateAsync(UserId, form.Description!, form.TimeoutDays!.Value, ct);
        TempData[FlashKey] = $"Token '{form.Description}' created. Click Show to see its code.";
        TempData[NewTokenKey] = id;
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct)
    {
        var token = await tokens.FindForOwnerAsync(UserId, id, ct);
        if (token is null)
        {
            return NotFound();
        }

        if (token.ExpiresAt <= time.GetUtcNow())
        {
            return ExpiredRefusal(token);
        }

        var form = new TokenForm { Description = token.Description, TimeoutDays = token.TimeoutDays, Version = token.Version };
        return View(new TokenEditViewModel(token, form, time.GetUtcNow(), options.Value.MaxTimeoutDays));
    }

    [HttpPost("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, TokenForm form, CancellationToken ct)
    {
        var token = await tokens.FindForOwnerAsync(UserId, id, ct);
        if (token is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var result = await tokens.UpdateAsync(UserId, id, form.Description!, form.TimeoutDays!.Value, form.Version, ct);
            switch (result)
            {
                case TokenChange.Done:
                    TempData[FlashKey] = $"Token '{form.Description}' saved.";
                    return RedirectToAction(nameof(Index));
                case TokenChange.NotFound:
                    return NotFound();
                case TokenChange.Expired:
                    return ExpiredRefusal(token);
                case TokenChange.Conflict:
                    token = await tokens.FindForOwnerAsync(UserId, id, ct) ?? token;
                    ModelState.AddModelError(string.Empty, ConflictMessage);
                    ModelState.Remove(nameof(TokenForm.Version));
                    form.Version = token.Version;
                    Response.StatusCode = StatusCodes.Status409Conflict;
                    return View(new TokenEditViewModel(token, form, time.GetUtcNow(), options.Value.MaxTimeoutDays));
            }
        }
        else if (token.ExpiresAt <= time.GetUtcNow())
        {
            return ExpiredRefusal(token);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(new TokenEditViewModel(token, form, time.GetUtcNow(), options.Value.MaxTimeoutDays));
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

        TempData[FlashKey] = $"Token '{description}' deleted.";
        return RedirectToAction(nameof(Index));
    }

    private ViewResult ExpiredRefusal(TokenSummary token)
    {
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View("Expired", token);
    }

    private async Task<TokenListViewModel> ListAsync(Guid? revealedId, string? code, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // TempData gives a Guid back as a Guid.
        var newId = TempData[NewTokenKey] as Guid?;
        var rows = (await tokens.ListForOwnerAsync(UserId, ct))
            .Select(t => new TokenRow(
                t,
                TokenStatusRules.StatusOf(t, now, options.Value.ExpiresSoonDays),
                t.Id == revealedId,
                t.Id == revealedId ? code : null,
                t.Id == newId))
            .ToList();
        return new TokenListViewModel(rows, now);
    }
}
