using System.Net;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

public sealed class RestartTests : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"scoutprime-restart-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Token_created_before_a_restart_is_revealed_after_it()
    {
        using var first = TokensAppFactory.OnDatabase(_database);
        var user = await first.CreateUserAsync("restart@example.com", Roles.ApiTokensGroup);
        using var before = first.CreateBrowser();
        await before.SignInAsync(user.Email!, TokensAppFactory.Password);
        var id = await before.CreateTokenAsync("survives restarts");
        var code = await before.RevealJsonAsync(id);
        await first.DisposeAsync();

        // A new process over the same database: the Data Protection keys come from the database too.
        using var second = TokensAppFactory.OnDatabase(_database);
        using var after = second.CreateBrowser();
        await after.SignInAsync(user.Email!, TokensAppFactory.Password);

        Assert.Equal(code, await after.RevealJsonAsync(id));
        Assert.Equal(1, await second.WithDbAsync(db => Task.FromResult(db.DataProtectionKeys.Count())));
    }

    [Fact]
    public async Task Token_still_reveals_after_a_restart_100_days_later()
    {
        using var first = TokensAppFactory.OnDatabase(_database);
        var user = await first.CreateUserAsync("later@example.com", Roles.ApiTokensGroup);
        using var before = first.CreateBrowser();
        await before.SignInAsync(user.Email!, TokensAppFactory.Password);
        var id = await before.CreateTokenAsync("long-lived", 365);
        var code = await before.RevealJsonAsync(id);
        await first.DisposeAsync();

        using var second = TokensAppFactory.OnDatabase(_database);
        second.Time.Advance(TimeSpan.FromDays(100));
        using var after = second.CreateBrowser();
        await after.SignInAsync(user.Email!, TokensAppFactory.Password);

        Assert.Equal(code, await after.RevealJsonAsync(id));
        var expires = (await after.GetAsync("/tokens")).Row(id)!.QuerySelector("td[data-label='Expires']")!;
        Assert.Equal("2027-11-01 09:00 UTC", expires.QuerySelector("time")!.GetAttribute("title"));
        Assert.Contains("in 8 months", expires.TextContent);
        Assert.Contains("2027-11-01", expires.TextContent);
    }

    [Fact]
    public async Task First_start_seeds_the_administrator_in_both_roles_once()
    {
        using var app = TokensAppFactory.OnDatabase(_database);
        using var admin = app.CreateBrowser();
        await admin.SignInAsync(TokensAppFactory.AdminEmail, TokensAppFactory.Password);

        var home = await admin.GetFollowingAsync("/");

        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Equal("API Tokens · scoutPRIME", home.Document.Title);
        await app.DisposeAsync();
        using var again = TokensAppFactory.OnDatabase(_database);
        _ = again.Server;
        Assert.Equal(1, await again.WithDbAsync(db => Task.FromResult(db.Users.Count())));
    }

    [Fact]
    public async Task Stopping_writes_the_last_use_still_waiting_to_be_written()
    {
        var first = TokensAppFactory.OnDatabase(_database);
        var (owner, _) = await first.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync("used just before a stop");
        using (var api = first.CreateApiClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
        }

        var calledAt = first.Time.GetUtcNow();
        // Stopped at once, within the writer's pause: the stamp is written by the stop, not lost with the process.
        await first.DisposeAsync();

        using var again = TokensAppFactory.OnDatabase(_database);
        Assert.Equal(calledAt, await again.WithDbAsync(db => db.Tokens.Where(t => t.Id == id).Select(t => t.LastUsedAt).SingleAsync()));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }
}
