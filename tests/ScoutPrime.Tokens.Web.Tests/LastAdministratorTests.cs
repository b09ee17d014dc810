using System.Net;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Admin;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>The application is never left without an administrator. Each test has its own database, so it knows how many there are.</summary>
public sealed class LastAdministratorTests
{
    [Fact]
    public async Task The_only_administrator_cannot_remove_their_own_role()
    {
        using var app = TokensAppFactory.Dedicated();
        using var admin = app.CreateBrowser();
        await admin.SignInAsync(TokensAppFactory.AdminEmail, TokensAppFactory.Password);
        var adminId = await IdOfAsync(app, TokensAppFactory.AdminEmail);

        var refused = await admin.RevokeAdministratorAsync(adminId);

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains(MembershipController.LastAdministratorMessage(TokensAppFactory.AdminEmail), refused.Text);
        Assert.Equal(1, await AdministratorCountAsync(app));
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync()));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).Status);
    }

    [Fact]
    public async Task An_administrator_may_step_down_while_another_remains_but_the_one_left_may_not()
    {
        using var app = TokensAppFactory.Dedicated();
        using var first = app.CreateBrowser();
        await first.SignInAsync(TokensAppFactory.AdminEmail, TokensAppFactory.Password);
        var firstId = await IdOfAsync(app, TokensAppFactory.AdminEmail);
        var (second, secondAccount) = await app.SignInNewUserAsync();
        await first.GrantAdministratorAsync(secondAccount.Id);

        var steppedDown = await first.RevokeAdministratorAsync(firstId);

        Assert.Equal(HttpStatusCode.Redirect, steppedDown.Status);
        Assert.Equal("/", steppedDown.Location);
        Assert.Equal(HttpStatusCode.Forbidden, (await first.GetAsync("/admin/users")).Status);

        var refused = await second.RevokeAdministratorAsync(secondAccount.Id);
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains(MembershipController.LastAdministratorMessage(secondAccount.Email), refused.Text);
        Assert.Equal(1, await AdministratorCountAsync(app));
    }

    private static Task<string> IdOfAsync(TokensAppFactory app, string email) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private static Task<int> AdministratorCountAsync(TokensAppFactory app) =>
        app.WithDbAsync(db => db.UserRoles.CountAsync(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Administrators)));
}
