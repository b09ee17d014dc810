using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Identity;

namespace ScoutPrime.Tokens.Web.Security;

/// <summary>
/// With <see cref="SecurityOptions.RequireStrongSignInForTokens"/> on, a member without a strong sign-in who opens
/// API Tokens (any screen, the reveal included) is sent to a page that says why and how to set one up. Only the
/// screens: bearer calls to the API go through their own handler and are not affected, nor is the rest of the account.
/// </summary>
// On a controller, or on one action of a controller that also serves other screens (a token's details beside the
// administrator's view of it).
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RequireStrongSignInAttribute : Attribute, IAsyncActionFilter
{
    public const string PagePath = "/Identity/Account/StrongSignInRequired";

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var services = context.HttpContext.RequestServices;
        if (services.GetRequiredService<IOptions<SecurityOptions>>().Value.RequireStrongSignInForTokens != true
            || await services.GetRequiredService<StrongSignIn>().HasAsync(context.HttpContext.User.GetUserId(), context.HttpContext.RequestAborted))
        {
            await next();
            return;
        }

        context.HttpContext.Response.Headers.CacheControl = "no-store";
        context.Result = context.HttpContext.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase)
            ? new ObjectResult(new { title = "Strong sign-in required", status = 403, setupUrl = PagePath })
            {
                StatusCode = StatusCodes.Status403Forbidden,
                ContentTypes = { "application/problem+json" },
            }
            : new RedirectResult(PagePath);
    }
}
