using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Notices;

/// <summary>How many of a member's tokens are still active but expire within the week.</summary>
public sealed class ExpiryBannerQuery(TokensDbContext db, TimeProvider time)
{
    public const int Days = 7;

    public Task<int> CountAsync(string ownerId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var soon = now.AddDays(Days);
        return db.Set<ApiToken>().AsNoTracking().Where(t => t.OwnerId == ownerId && t.ExpiresAt > now && t.ExpiresAt <= soon).CountAsync(ct);
    }
}

public sealed record ExpiryBannerModel(int Count, string ReturnUrl);

/// <summary>The banner on every page of a member whose tokens expire this week, unless dismissed today (UTC).</summary>
public sealed class ExpiryBannerViewComponent(ExpiryBannerQuery query, TimeProvider time) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        // On the pages a member navigates to (GET), not on a form sent back with its errors, nor on an error page
        // (which may be reporting that the database is away).
        if (!HttpMethods.IsGet(Request.Method) || HttpContext.Response.StatusCode >= 400 || !User.IsInRole(Roles.ApiTokensGroup) || ExpiryBannerController.DismissedToday(Request, time))
        {
            return Content(string.Empty);
        }

        var count = await query.CountAsync(UserClaimsPrincipal.GetUserId(), HttpContext.RequestAborted);
        return count == 0
            ? Content(string.Empty)
            : View(new ExpiryBannerModel(count, Request.Path + Request.QueryString));
    }
}

/// <summary>Dismisses the banner until the end of the day, by a plain form post: it works without JavaScript.</summary>
[Authorize(Policy = Policies.ManageTokens)]
[Route("notices/banner")]
public sealed class ExpiryBannerController(TimeProvider time) : Controller
{
    public const string Cookie = "ScoutPrime.ExpiryBannerDismissed";

    public static bool DismissedToday(HttpRequest request, TimeProvider time) =>
        request.Cookies[Cookie] == Today(time);

    [HttpPost("dismiss")]
    public IActionResult Dismiss(string? returnUrl)
    {
        // The value is today's date, so tomorrow it no longer matches; a day's lifetime only tidies the cookie away.
        Response.Cookies.Append(Cookie, Today(time), new CookieOptions { MaxAge = TimeSpan.FromDays(1), IsEssential = true, Path = "/" });
        return LocalRedirect(Url.LocalOrNull(returnUrl) ?? "/tokens");
    }

    private static string Today(TimeProvider time) => time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
