using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Infrastructure;
using ScoutPrime.Tokens.Web.Notices;

namespace ScoutPrime.Tokens.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Account settings: the one notice a user may turn off, the 30-day expiry notice.</summary>
[Authorize]
public sealed class NoticesModel(TokensDbContext db) : PageModel
{
    [BindProperty]
    [Display(Name = "Mail me 30 days before a token expires")]
    public bool ThirtyDayNotice { get; set; } = true;

    public async Task OnGetAsync(CancellationToken ct) =>
        ThirtyDayNotice = await db.NoticePreferences.AsNoTracking().Where(p => p.UserId == User.GetUserId())
            .Select(p => (bool?)p.ThirtyDayNotice).SingleOrDefaultAsync(ct) ?? true;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var userId = User.GetUserId();
        var preference = await db.NoticePreferences.SingleOrDefaultAsync(p => p.UserId == userId, ct);
        if (preference is null)
        {
            db.NoticePreferences.Add(preference = new NoticePreference { UserId = userId });
        }

        preference.ThirtyDayNotice = ThirtyDayNotice;
        await db.SaveChangesAsync(ct);
        TempData.SetFlash("Your notice settings are saved.");
        return RedirectToPage();
    }
}
