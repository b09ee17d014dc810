using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>
/// Six tokens of three owners at @inv.test, each a different mix of status, use and age (see <see cref="InitializeAsync"/>),
/// and 120 tokens of pager@many.test for paging. Tests only read: revoking ones take an application of their own.
/// </summary>
public sealed class InventoryFixture : IAsyncLifetime
{
    public const string Domain = "inv.test";
    public const string Pager = "pager@many.test";
    public const int PagerTokens = 120;

    public TokensAppFactory App { get; } = TokensAppFactory.Dedicated();

    public DateTimeOffset Now => App.Time.GetUtcNow();

    public async Task<BrowserClient> SignInAdministratorAsync() => (await App.SignInNewUserAsync(Roles.Administrators)).Browser;

    public async Task InitializeAsync() => await App.WithDbAsync(db =>
    {
        var now = Now;
        var (alice, bob, carol) = (db.User($"alice@{Domain}"), db.User($"bob@{Domain}"), db.User($"carol@{Domain}"));
        // Active, used yesterday; a formula-like description for the CSV.
        db.Token(alice, "=HYPERLINK(\"http://evil\")", now, createdDays: -100, expiresDays: 30, lastUsedDays: -1);
        db.Token(alice, "A2 expiring, never used", now, createdDays: -50, expiresDays: 3);
        db.Token(alice, "A3 expired, used", now, createdDays: -10, expiresDays: -1, lastUsedDays: -5);
        db.Token(bob, "B1 idle, deploy, \"prod\"", now, createdDays: -200, expiresDays: 100, lastUsedDays: -60);
        db.Token(bob, "B2 new, never used", now, createdDays: -5, expiresDays: 10);
        db.Token(carol, "C1 expired long ago", now, createdDays: -400, expiresDays: -300);
        var pager = db.User(Pager);
        for (var i = 0; i < PagerTokens; i++)
        {
            db.Token(pager, $"page token {i:000}", now, createdDays: -i - 1, expiresDays: 30);
        }

        return db.SaveChangesAsync();
    });

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}
