using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace ScoutPrime.Tokens.Web.Security;

/// <summary>
/// An action that shows a token's code (Show, Copy, Rotate) runs only within <see cref="SecurityOptions.RevealFreshnessMinutes"/>
/// of the session's last proof. Otherwise it does nothing and sends the browser to prove it again: a page gets a
/// redirect to the proof page, which comes back to the same path with a GET (so every gated POST has a GET at its
/// path that leads back to it and changes nothing); a script asking for JSON gets a 403 problem whose <c>proofUrl</c> it navigates to.
/// Runs after authorization and antiforgery (an action filter), so a forged or outside request never gets this far.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequireRecentProofAttribute : Attribute, IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        if (Challenge(context.HttpContext) is { } challenge)
        {
            context.Result = challenge;
            return;
        }

        await next();
    }

    /// <summary>
    /// Null when this session proved itself recently enough; otherwise the answer that sends it to prove it again and
    /// back to this path with a GET. Razor Pages use it too (<c>IdentityPageGates</c>): an action filter never runs there.
    /// </summary>
    public static IActionResult? Challenge(HttpContext http)
    {
        if (http.RequestServices.GetRequiredService<RecentProof>().IsFresh(http.User))
        {
            return null;
        }

        var proofUrl = RecentProof.PagePath + QueryString.Create("returnUrl", http.Request.Path.Value ?? "/");
        http.Response.Headers.CacheControl = "no-store";
        if (http.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return new ObjectResult(new ProofRequired(proofUrl))
            {
                StatusCode = StatusCodes.Status403Forbidden,
                ContentTypes = { "application/problem+json" },
            };
        }

        return new RedirectResult(proofUrl); // a browser follows a POST's 302 with a GET
    }

    /// <summary>An RFC 9457 problem with the one extension a script needs.</summary>
    private sealed record ProofRequired(string ProofUrl)
    {
        public string Title { get; } = "Confirm it's you";

        public int Status { get; } = StatusCodes.Status403Forbidden;

        public string Detail { get; } = "This needs a recent sign-in. Confirm it's you, then try again.";
    }
}
