using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ScoutPrime.Tokens.Web.Infrastructure;

public sealed record ErrorViewModel(int StatusCode, string Title, string Message);

[AllowAnonymous]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorsController : Controller
{
    public const string NotInGroupMessage = "You need to be in the API Tokens Group to manage API tokens. Ask an administrator to add you.";

    [Route("error")]
    [IgnoreAntiforgeryToken]
    public IActionResult Exception()
    {
        // The database being away is not the user's fault nor a bug: say so, and when to come back.
        // Only for the exception handler's re-execution: asked for directly, there is nothing here.
        if (HttpContext.Features.Get<IExceptionHandlerFeature>() is not { } handled)
        {
            return Render(StatusCodes.Status404NotFound);
        }

        if (DatabaseOutage.Caused(handled.Error))
        {
            Response.Headers.RetryAfter = "30";
            return Render(StatusCodes.Status503ServiceUnavailable);
        }

        return Render(StatusCodes.Status500InternalServerError);
    }

    [Route("error/{code:int}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Status()
    {
        // The original status, not the route's code: binding would try to read the failed request's form again (e.g.
        // one too large to read), and asked for directly (/error/500) the page is not found.
        var code = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalStatusCode ?? StatusCodes.Status404NotFound;
        return Render(code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound);
    }

    private ViewResult Render(int code)
    {
        var originalPath = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath ?? string.Empty;
        var model = code switch
        {
            400 => new ErrorViewModel(code, "Bad request", "The request could not be processed. If you submitted a form, reload the page and try again."),
            403 when originalPath.StartsWith("/admin", StringComparison.OrdinalIgnoreCase) =>
                new ErrorViewModel(code, "Access denied", "You need to be an administrator to use this page."),
            403 => new ErrorViewModel(code, "Access denied", NotInGroupMessage),
            404 => new ErrorViewModel(code, "Not found", "There is nothing here. The token may have been deleted, or the address is wrong."),
            429 => new ErrorViewModel(code, "Too many attempts", "Too many requests from your address. Wait a minute, then try again."),
            503 => new ErrorViewModel(code, "Temporarily unavailable", "The service can't reach its database right now. Please try again in a moment."),
            >= 500 => new ErrorViewModel(code, "Something went wrong", "The request could not be completed. Please try again in a moment."),
            _ => new ErrorViewModel(code, "Request refused", "The request could not be completed."),
        };
        Response.StatusCode = code;
        return View("Error", model);
    }
}
