using System.Net;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Membership changes reach the changed user on their very next request, and every one is recorded.</summary>
public sealed class MembershipTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Fact]
    public async Task Added_user_sees_the_API_Tokens_link_on_their_very_next_request()
    {
        var (user, account) = await app.SignInNewUserAsync();
        Assert.Null((await user.GetAsync("/")).Document.QuerySelector("a[href='/tokens']"));
        var (admin, adminAccount) = await app.SignInNewUserAsync(Roles.Administrators);

        var added = await admin.AddToGroupAsync(account.Id);

        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        var tokens = await user.GetAsync("/tokens");
        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.NotNull(tokens.Document.QuerySelector("details.avatar-menu a[href='/tokens']"));
        var entry = await SingleEntryAsync(account.Id, AuditActions.GroupMemberAdded);
        Assert.Equal(adminAccount.Id, entry.ActorId);
        Assert.Equal(app.Time.GetUtcNow(), entry.At);
    }

    [Fact]
    public async Task Removed_member_is_refused_the_token_screens_on_their_very_next_request_and_keeps_the_tokens()
    {
        var (member, account) = await app.SignInMemberAsync();
        var tokenId = await member.CreateTokenAsync("nightly sync");
        var (admin, adminAccount) = await app.SignInNewUserAsync(Roles.Administrators);

        var removed = await admin.RemoveFromGroupAsync(account.Id);

        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        // Removal ends the member's session: the very next request is sent to sign in.
        var next = await member.GetAsync("/tokens");
        Assert.Equal(HttpStatusCode.Redirect, next.Status);
        Assert.StartsWith("http://localhost/Identity/Account/Login", next.Location);

        // Signed in again, they are outside the group.
        await member.SignInAsync(account.Email!, TokensAppFactory.Password);
        foreach (var url in new[] { "/tokens", $"/tokens/{tokenId}/edit" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync(url)).Status);
        }

        Assert.Null((await member.GetAsync("/")).Document.QuerySelector("a[href='/tokens']"));
        Assert.True(await app.WithDbAsync(db => db.Tokens.AnyAsync(t => t.Id == tokenId)));
        Assert.Equal(adminAccount.Id, (await SingleEntryAsync(account.Id, AuditActions.GroupMemberRemoved)).ActorId);

        await admin.AddToGroupAsync(account.Id);
        Assert.Contains("nightly sync", (await member.GetAsync("/tokens")).Text);
    }

    [Fact]
    public async Task Adding_and_removing_from_the_list_returns_to_the_same_search()
    {
        var (_, account) = await app.SignInNewUserAsync();
        var (admin, _) = await app.SignInNewUserAsync(Roles.Administrators);
        var search = $"/admin/users?q={account.Email!.Split('@')[0]}&pageNumber=1";

        var list = await admin.GetAsync(search);
        var added = await admin.SubmitAsync(list.Form($"#user-{account.Id} form.add-form"));
        var removeLink = (await admin.GetAsync(search)).Document.QuerySelector($"#user-{account.Id} td:last-child a")!;
        var removeLinkText = removeLink.TextContent;
        var removed = await admin.SubmitAsync((await admin.GetAsync(removeLink.GetAttribute("href")!)).Form());

        Assert.Equal((HttpStatusCode.Redirect, search), (added.Status, added.Location));
        Assert.Equal("Remove from group", removeLinkText);
        Assert.Equal((HttpStatusCode.Redirect, search), (removed.Status, removed.Location));
        Assert.Equal("Add to group", (await admin.GetAsync(search)).Document.QuerySelector($"#user-{account.Id} form.add-form button")!.TextContent);
    }

    [Fact]
    public async Task Removal_asks_Yes_or_No_and_No_changes_nothing()
    {
        var (_, account) = await app.SignInMemberAsync();
        var (admin, _) = await app.SignInNewUserAsync(Roles.Administrators);

        var confirmation = await admin.GetAsync($"/admin/users/{account.Id}/group/remove");

        Assert.Contains($"Remove {account.Email} from the API Tokens Group?", confirmation.Text);
        Assert.Equal("Yes", confirmation.Form().QuerySelector("button[type=submit]")!.TextContent);
        var no = confirmation.Document.QuerySelectorAll("main a").Single(a => a.TextContent == "No");
        Assert.Equal($"/admin/users/{account.Id}", no.GetAttribute("href"));
        Assert.True(await app.WithDbAsync(db => db.UserRoles.AnyAsync(ur => ur.UserId == account.Id)));
    }

    [Fact]
    public async Task Granted_and_revoked_administrator_role_applies_on_the_very_next_request()
    {
        var (user, account) = await app.SignInMemberAsync();
        var (admin, _) = await app.SignInNewUserAsync(Roles.Administrators);

        await admin.GrantAdministratorAsync(account.Id);
        var menu = (await user.GetAsync("/tokens")).Document.QuerySelector("details.avatar-menu")!;
        Assert.Contains("Group members", menu.QuerySelector("a[href='/admin/users']")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/admin/users")).Status);

        await admin.RevokeAdministratorAsync(account.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/admin/users")).Status);
        Assert.Null((await user.GetAsync("/tokens")).Document.QuerySelector("a[href='/admin/users']"));

        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.SubjectUserId == account.Id)
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal([AuditActions.AdministratorGranted, AuditActions.AdministratorRevoked], actions);
    }

    [Fact]
    public async Task Administrator_deletes_a_leaked_token_after_Yes_and_the_history_says_who()
    {
        var (member, account) = await app.SignInMemberAsync();
        var tokenId = await member.CreateTokenAsync("leaked on a forum");
        var code = await member.RevealJsonAsync(tokenId);
        var (admin, adminAccount) = await app.SignInNewUserAsync(Roles.Administrators);

        var details = await admin.DetailsAsync(account.Id);
        Assert.DoesNotContain(code, details.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("scp_", details.Html, StringComparison.Ordinal);
        var confirmation = await admin.GetAsync(details.Row(tokenId)!.QuerySelector("a[title=Delete]")!.GetAttribute("href")!);
        Assert.Contains($"Delete token 'leaked on a forum' of {account.Email}?", confirmation.Text);
        var deleted = await admin.SubmitAsync(confirmation.Form());

        Assert.Equal(HttpStatusCode.Redirect, deleted.Status);
        Assert.False(await app.WithDbAsync(db => db.Tokens.AnyAsync(t => t.Id == tokenId)));
        var entry = await SingleEntryAsync(account.Id, AuditActions.TokenDeletedByAdministrator);
        Assert.Equal((adminAccount.Id, tokenId, "leaked on a forum"), (entry.ActorId, entry.TokenId!.Value, entry.Detail));

        var history = (await admin.DetailsAsync(account.Id)).Document.QuerySelector($"table.history tr[data-action='{AuditActions.TokenDeletedByAdministrator}']")!;
        Assert.Contains(adminAccount.Email!, history.TextContent);
        Assert.Contains("leaked on a forum", history.TextContent);
        Assert.DoesNotContain("leaked on a forum", (await member.GetAsync("/tokens")).Text);
    }

    [Fact]
    public async Task Avatar_menu_shows_Group_members_to_administrators_only()
    {
        var (member, _) = await app.SignInMemberAsync();
        var (admin, _) = await app.SignInNewUserAsync(Roles.Administrators);

        var memberMenu = (await member.GetAsync("/tokens")).Document.QuerySelector("details.avatar-menu")!;
        var adminMenu = (await admin.GetAsync("/")).Document.QuerySelector("details.avatar-menu")!;

        Assert.DoesNotContain("Group members", memberMenu.TextContent);
        Assert.Contains("Group members", adminMenu.QuerySelector("a[href='/admin/users']")!.TextContent);
    }

    private Task<AuditEntry> SingleEntryAsync(string subjectId, string action) =>
        app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.SubjectUserId == subjectId && a.Action == action));
}
