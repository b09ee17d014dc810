using System.Globalization;
using System.Net;

namespace ScoutPrime.Tokens.Web.Tests.Infrastructure;

/// <summary>An administrator saving the token policies on the Settings screen, the other fields left as they are.</summary>
public static class PolicyScreens
{
    public static async Task SavePoliciesAsync(this BrowserClient admin, int? maxTimeoutDays = null, int? maxPerUser = null)
    {
        var page = await admin.GetAsync("/admin/settings");
        // The form's own values for the rest, the checked reveal choice among its radio buttons included.
        var fields = new Dictionary<string, string>
        {
            ["Reveal"] = page.Document.QuerySelector("input[name=Reveal][checked]")!.GetAttribute("value")!,
        };
        if (maxTimeoutDays is { } days)
        {
            fields["MaxTimeoutDays"] = days.ToString(CultureInfo.InvariantCulture);
        }

        if (maxPerUser is { } count)
        {
            fields["MaxPerUser"] = count.ToString(CultureInfo.InvariantCulture);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page.Form("form.settings-form"), fields)).Status);
    }
}
