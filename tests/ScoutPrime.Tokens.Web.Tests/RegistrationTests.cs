using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

public sealed class RegistrationTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Fact]
    public async Task New_user_registers_signs_in_and_starts_outside_the_group()
    {
        using var browser = app.CreateBrowser();

        var form = await browser.GetAsync("/Identity/Account/Register");
        var registered = await browser.SubmitAsync(form.Form("form#registerForm"), new Dictionary<string, string>
        {
            ["Input.Email"] = "newcomer@example.com",
            ["Input.Password"] = TokensAppFactory.Password,
            ["Input.ConfirmPassword"] = TokensAppFactory.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.Status);

        var home = await browser.GetAsync("/");
        Assert.Contains("newcomer@example.com", home.Document.QuerySelector("details.avatar-menu")!.TextContent);
        Assert.Null(home.Document.QuerySelector("a[href='/tokens']"));
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/tokens")).Status);
    }

    [Fact]
    public async Task Registration_can_be_closed()
    {
        using var closed = TokensAppFactory.Dedicated().With("Identity:AllowRegistration", "false");
        using var browser = closed.CreateBrowser();

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/Identity/Account/Register")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.PostRawAsync("/Identity/Account/Register")).Status);
    }

    [Fact]
    public async Task Without_a_configured_password_the_administrator_gets_a_strong_generated_one()
    {
        using var generated = TokensAppFactory.Dedicated().With("Seed:AdminPassword", "");
        _ = generated.Server;

        await using var scope = generated.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = await users.FindByEmailAsync(TokensAppFactory.AdminEmail);
        Assert.NotNull(admin);
        Assert.True(await users.IsInRoleAsync(admin, Roles.ApiTokensGroup));
        Assert.True(await users.IsInRoleAsync(admin, Roles.Administrators));
        Assert.False(await users.CheckPasswordAsync(admin, TokensAppFactory.Password));

        var password = AdminSeeder.GeneratePassword();
        foreach (var validator in users.PasswordValidators)
        {
            Assert.True((await validator.ValidateAsync(users, admin, password)).Succeeded);
        }

        Assert.True(password.Length >= 24);
        Assert.NotEqual(password, AdminSeeder.GeneratePassword());
    }

    [Fact]
    public async Task Timeout_limit_comes_from_configuration()
    {
        using var limited = TokensAppFactory.Dedicated().With("Tokens:MaxTimeoutDays", "30");
        var (member, _) = await limited.SignInMemberAsync();

        var tooLong = await member.AddTokenAsync("long", "31");
        var allowed = await member.AddTokenAsync("ok", "30");

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.Contains("Choose a timeout from 1 to 30 days.", tooLong.Text);
        Assert.Equal(HttpStatusCode.Redirect, allowed.Status);
    }
}
