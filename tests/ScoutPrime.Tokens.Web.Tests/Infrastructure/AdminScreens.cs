using System.Net;

namespace ScoutPrime.Tokens.Web.Tests.Infrastructure;

/// <summary>The steps an administrator takes on the Group members screens, pressing the buttons the pages show.</summary>
public static class AdminScreens
{
    public static async Task<Page> AddToGroupAsync(this BrowserClient admin, string userId) =>
        await admin.SubmitAsync((await admin.DetailsAsync(userId)).Form("form.add-form"));

    public static async Task<Page> GrantAdministratorAsync(this BrowserClient admin, string userId) =>
        await admin.SubmitAsync((await admin.DetailsAsync(userId)).Form("form.grant-form"));

    /// <summary>Follows the Remove from group link to its confirmation page and answers Yes.</summary>
    public static Task<Page> RemoveFromGroupAsync(this BrowserClient admin, string userId) =>
        admin.ConfirmAsync(userId, "Remove from group");

    public static Task<Page> RevokeAdministratorAsync(this BrowserClient admin, string userId) =>
        admin.ConfirmAsync(userId, "Remove administrator");

    public static async Task<Page> DetailsAsync(this BrowserClient admin, string userId)
    {
        var page = await admin.GetAsync($"/admin/users/{userId}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return page;
    }

    private static async Task<Page> ConfirmAsync(this BrowserClient admin, string userId, string linkText)
    {
        var details = await admin.DetailsAsync(userId);
        var link = details.Document.QuerySelectorAll("main a").Single(a => a.TextContent.Trim() == linkText);
        var confirmation = await admin.GetAsync(link.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, confirmation.Status);
        return await admin.SubmitAsync(confirmation.Form());
    }
}
