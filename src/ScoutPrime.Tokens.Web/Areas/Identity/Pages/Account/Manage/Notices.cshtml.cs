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
        var (userId, choice) = (User.GetUserId(), ThirtyDayNotice);
        if (await SetAsync(userId, choice, ct) == 0)
        {
            db.NoticePreferences.Add(new NoticePreference { UserId = userId, ThirtyDayNotice = choice });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The same form posted twice at once: the other post inserted the row first; this choice is the later one.
                db.ChangeTracker.Clear();
                await SetAsync(userId, choice, ct);
            }
        }

        TempData.SetFlash("Your notice settings are saved.");
        return RedirectToPage();
    }

    private Task<int> SetAsync(string userId, bool choice, CancellationToken ct) =>
        db.NoticePreferences.Where(p => p.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(p => p.ThirtyDayNotice, choice), ct);
}
