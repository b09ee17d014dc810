using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Infrastructure;
using ScoutPrime.Tokens.Web.Introspection;

namespace ScoutPrime.Tokens.Web.ResourceServers;

/// <summary>Administrators register the services that may introspect tokens, and remove them.</summary>
[Authorize(Policy = Policies.Administer)]
[Route("admin/resource-servers")]
[ReadNulForms]
public sealed class ResourceServersController(ResourceServerService servers) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await servers.ListAsync(ct));

    [HttpGet("new")]
    public IActionResult Create() => View(new ResourceServerForm());

    /// <summary>Answers with the secret itself, not a redirect: it is shown this once and kept nowhere, not even in TempData.</summary>
    [HttpPost("new")]
    public async Task<IActionResult> Create(ResourceServerForm form, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(form);
        }

        var (server, secret) = await servers.CreateAsync(User.GetUserId(), form.Name!, ct);
        Response.Headers.CacheControl = "no-store";
        var endpoint = new Uri(new Uri(Discovery.IssuerOf(HttpContext) + "/"), IntrospectionEndpoints.Path.TrimStart('/'));
        return View("Created", new ResourceServerCreatedViewModel(server.Name, server.ClientId, secret, endpoint));
    }

    [HttpGet("{id:guid}/delete")]
    public async Task<IActionResult> Delete(Guid id, CancellationToken ct) =>
        await servers.FindAsync(id, ct) is { } server ? View(server) : NotFound();

    [HttpPost("{id:guid}/delete")]
    [ActionName(nameof(Delete))]
    public async Task<IActionResult> DeleteConfirmed(Guid id, CancellationToken ct)
    {
        if (await servers.DeleteAsync(User.GetUserId(), id, ct) is not { } name)
        {
            return NotFound();
        }

        TempData.SetFlash($"Resource server '{name}' deleted.");
        return RedirectToAction(nameof(Index));
    }
}
