using System.Net;
using Microsoft.Data.Sqlite;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>
/// Two instances of the published application, as separate processes over one database,
/// behind an imaginary load balancer that sends each request wherever it likes.
/// </summary>
public sealed class MultiInstanceTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private readonly CookieContainer _cookies = new();

    [Fact]
    public async Task Token_created_on_one_instance_is_listed_revealed_and_deleted_on_the_other()
    {
        using var onA = Browser(instances.A);
        using var onB = Browser(instances.B);
        await onA.SignInAsync(TokensAppFactory.AdminEmail, TokensAppFactory.Password);

        var id = await onA.CreateTokenAsync("made on A");
        var codeFromA = await onA.RevealJsonAsync(id);

        var listOnB = await onB.GetAsync("/tokens");
        Assert.Equal(HttpStatusCode.OK, listOnB.Status);
        Assert.NotNull(listOnB.Row(id));
        Assert.Equal(codeFromA, await onB.RevealJsonAsync(id));

        // A form fetched from A, posted to B: the antiforgery token and the sign-in cookie hold across instances.
        var formFromA = await onA.GetAsync($"/tokens/{id}/delete");
        var deletedOnB = await onB.SubmitAsync(formFromA.Form(), null, null);
        Assert.Equal(HttpStatusCode.Redirect, deletedOnB.Status);
        Assert.Null((await onA.GetAsync("/tokens")).Row(id));
    }

    [Fact]
    public async Task Deletion_and_membership_removal_on_one_instance_are_enforced_by_the_other()
    {
        using var adminOnA = Browser(instances.A);
        await adminOnA.SignInAsync(TokensAppFactory.AdminEmail, TokensAppFactory.Password);
        var userCookies = new CookieContainer();
        using var userOnA = Browser(instances.A, userCookies);
        using var userOnB = Browser(instances.B, userCookies);
        var email = $"member-{Guid.NewGuid():N}@example.com";
        var register = await userOnA.GetAsync("/Identity/Account/Register");
        await userOnA.SubmitAsync(register.Form("form#registerForm"), new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = TokensAppFactory.Password,
            ["Input.ConfirmPassword"] = TokensAppFactory.Password,
        });
        var userId = await UserIdAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, (await adminOnA.AddToGroupAsync(userId)).Status);

        var (_, memberCode) = await userOnB.CreateTokenWithCodeAsync("member's token");
        var (adminTokenId, adminCode) = await adminOnA.CreateTokenWithCodeAsync("admin's token");
        using var apiOnB = new HttpClient { BaseAddress = instances.B.Address };
        await apiOnB.CallUntilCachedAsync(memberCode);
        await apiOnB.CallUntilCachedAsync(adminCode);

        await adminOnA.RemoveFromGroupAsync(userId);
        await adminOnA.DeleteTokenAsync(adminTokenId);

        // Removal ends the user's session on the other instance too: sent to sign in, not shown the screen.
        var next = await userOnB.GetAsync("/tokens");
        Assert.Equal(HttpStatusCode.Redirect, next.Status);
        Assert.Contains("/Identity/Account/Login", next.Location);
        Assert.Equal(HttpStatusCode.Forbidden, await StatusWithinRevocationDelayAsync(apiOnB, memberCode, HttpStatusCode.Forbidden));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithinRevocationDelayAsync(apiOnB, adminCode, HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task A_cookie_copied_before_logout_is_refused_by_every_instance_after_it()
    {
        using var onA = Browser(instances.A);
        await onA.SignInAsync(TokensAppFactory.AdminEmail, TokensAppFactory.Password);
        // Two copies, one per instance: a refused cookie is deleted from the container that sent it.
        using var thiefOnA = Browser(instances.A, Copy(_cookies, instances.A.Address));
        using var thiefOnB = Browser(instances.B, Copy(_cookies, instances.A.Address));
        Assert.Equal(HttpStatusCode.OK, (await thiefOnB.GetAsync("/tokens")).Status);

        var home = await onA.GetAsync("/tokens");
        Assert.Equal(HttpStatusCode.Redirect, (await onA.SubmitAsync(home.Form("form[action*='/Account/Logout']"))).Status);

        foreach (var thief in new[] { thiefOnB, thiefOnA })
        {
            var page = await thief.GetAsync("/tokens");
            Assert.Equal(HttpStatusCode.Redirect, page.Status);
            Assert.Contains("/Identity/Account/Login", page.Location);
        }
    }

    private static CookieContainer Copy(CookieContainer cookies, Uri address)
    {
        var copy = new CookieContainer();
        foreach (Cookie cookie in cookies.GetCookies(address))
        {
            copy.Add(address, new Cookie(cookie.Name, cookie.Value, cookie.Path));
        }

        return copy;
    }

    /// <summary>Polls until the expected answer or the documented revocation delay (plus a margin) has passed.</summary>
    private static async Task<HttpStatusCode> StatusWithinRevocationDelayAsync(HttpClient api, string code, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(TwoInstances.RevocationDelaySeconds + 2);
        HttpStatusCode status;
        do
        {
            status = (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode;
            if (status == expected)
            {
                break;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        return status;
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var connection = new SqliteConnection($"Data Source={instances.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM AspNetUsers WHERE Email = $email";
        command.Parameters.AddWithValue("$email", email);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private BrowserClient Browser(AppProcess instance, CookieContainer? cookies = null) =>
        new(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? _cookies, UseCookies = true })
        {
            BaseAddress = instance.Address,
        });
}

public sealed class MigrateCommandTests
{
    [Fact]
    public async Task Migrate_command_creates_the_schema_without_starting_the_server()
    {
        var fresh = Path.Combine(Path.GetTempPath(), $"scoutprime-migrate-{Guid.NewGuid():N}.db");
        try
        {
            Assert.Equal(0, await AppProcess.MigrateAsync(fresh));

            await using var connection = new SqliteConnection($"Data Source={fresh}");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM __EFMigrationsHistory; SELECT COUNT(*) FROM ApiTokens;";
            Assert.True(Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(fresh);
        }
    }
}
