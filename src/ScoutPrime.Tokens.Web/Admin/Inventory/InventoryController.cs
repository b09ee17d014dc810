using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Admin.Inventory;

/// <summary>Administrators' Tokens screen: every token of every user, its CSV export and the bulk revoke of a filtered selection.</summary>
[Authorize(Policy = Policies.Administer)]
[Route("admin/tokens")]
[ReadNulForms]
public sealed class InventoryController(TokenInventory inventory, BulkRevoke bulk, TimeProvider time, IOptions<TokenOptions> options) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] InventoryFilter filter, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            // The form comes back with its messages and no list: a list for half a filter would mislead.
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(new InventoryViewModel(filter, null, time.GetUtcNow(), options.Value.ExpiresSoonDays));
        }

        return View(new InventoryViewModel(filter, await inventory.PageAsync(filter, ct), time.GetUtcNow(), options.Value.ExpiresSoonDays));
    }

    [HttpGet("export")]
    public async Task<IActionResult> Export([FromQuery] InventoryFilter filter, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return ValidationProblem(ModelState);
        }

        var now = time.GetUtcNow();
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"tokens-{now.UtcDateTime:yyyyMMdd-HHmmss}.csv\"";
        Response.Headers.CacheControl = "no-store";
        await InventoryCsv.WriteAsync(Response.Body, inventory.StreamAsync(filter), now, options.Value.ExpiresSoonDays, ct);
        return new EmptyResult();
    }

    [HttpGet("revoke")]
    public async Task<IActionResult> Revoke([FromQuery] InventoryFilter filter, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return ValidationProblem(ModelState);
        }

        return View(new RevokeViewModel(filter, await inventory.CountMatchingAsync(filter, ct), new RevokeForm()));
    }

    [HttpPost("revoke")]
    [ActionName(nameof(Revoke))]
    public async Task<IActionResult> RevokeConfirmed([FromQuery] InventoryFilter filter, RevokeForm form, CancellationToken ct)
    {
        if (ModelState.Any(e => e.Key != nameof(RevokeForm.Reason) && e.Value!.Errors.Count > 0))
        {
            return ValidationProblem(ModelState);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Revoke), new RevokeViewModel(filter, await inventory.CountMatchingAsync(filter, ct), form));
        }

        var revoked = await bulk.RevokeAsync(User, filter, form.Reason!, ct);
        TempData.SetFlash(revoked switch
        {
            0 => "No tokens matched the filters, so none were revoked.",
            1 => "1 token revoked.",
            _ => $"{revoked} tokens revoked.",
        });
        return RedirectToAction(nameof(Index), filter.RouteValues(pageNumber: 1));
    }
}
