using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Identity;

namespace ScoutPrime.Tokens.Web.Areas.Identity.Pages.Account;

/// <summary>
/// While <see cref="IdentitySiteOptions.AllowRegistration"/> is off, the page answers 404 to every method, before
/// any other filter (antiforgery included) runs: a closed Register page looks like no page at all.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RegistrationOpenAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
{
    public int Order => int.MinValue;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        if (!context.HttpContext.RequestServices.GetRequiredService<IOptions<IdentitySiteOptions>>().Value.AllowRegistration)
        {
            context.Result = new NotFoundResult();
        }
    }
}
