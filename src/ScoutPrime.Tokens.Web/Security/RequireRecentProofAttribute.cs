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
        var http = context.HttpContext;
        if (http.RequestServices.GetRequiredService<RecentProof>().IsFresh(http.User))
        {
            await next();
            return;
        }

        var proofUrl = RecentProof.PagePath + QueryString.Create("returnUrl", http.Request.Path.Value ?? "/");
        http.Response.Headers.CacheControl = "no-store";
        if (http.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            context.Result = new ObjectResult(new ProofRequired(proofUrl))
            {
                StatusCode = StatusCodes.Status403Forbidden,
                ContentTypes = { "application/problem+json" },
            };
            return;
        }

        context.Result = new RedirectResult(proofUrl); // a browser follows a POST's 302 with a GET
    }

    /// <summary>An RFC 9457 problem with the one extension a script needs.</summary>
    private sealed record ProofRequired(string ProofUrl)
    {
        public string Title { get; } = "Confirm it's you";

        public int Status { get; } = StatusCodes.Status403Forbidden;

        public string Detail { get; } = "Revealing a token's code needs a recent sign-in. Confirm your password, then try again.";
    }
}
