using Microsoft.Data.Sqlite;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using static ScoutPrime.Tokens.Web.Tests.Infrastructure.NoticeSteps;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>
/// Once means once across a restart and across two instances on one database: the claims are in the database.
/// Two applications in this process, each with its own clock the test moves (the process-based TwoInstances fixture
/// cannot move a clock).
/// </summary>
public sealed class NoticeInstancesTests : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"scoutprime-notices-{Guid.NewGuid():N}.db");
    private readonly string _mailbox = Path.Combine(Path.GetTempPath(), $"scoutprime-mail-{Guid.NewGuid():N}");

    [Fact]
    public async Task Each_threshold_fires_once_across_a_restart()
    {
        Guid id;
        string email;
        DateTimeOffset now;
        using (var first = Instance())
        {
            (id, email) = await CreateTokenAsync(first, 2);
            first.Time.Advance(TimeSpan.FromDays(1));
            await first.RunNoticesAsync();
            now = first.Time.GetUtcNow();
        }

        using var second = Instance();
        second.Time.SetUtcNow(now);
        await second.RunNoticesAsync();
        Assert.Equal([1], (await second.ExpiryNoticesAsync(id)).Select(n => n.ThresholdDays));
        second.Time.Advance(TimeSpan.FromDays(1));
        await second.RunNoticesAsync();
        await second.RunNoticesAsync();

        Assert.Equal([1, 0], (await second.ExpiryNoticesAsync(id)).Select(n => n.ThresholdDays));
        Assert.Equal(3, MailTo(_mailbox, email).Count); // created, 1 day, expired
    }

    [Fact]
    public async Task Two_instances_on_one_database_give_each_notice_once_and_send_each_mail_once()
    {
        using var a = Instance();
        var (id, email) = await CreateTokenAsync(a, 31);
        using var b = Instance();
        var expiresAt = a.Time.GetUtcNow().AddDays(31);

        foreach (var daysBefore in new[] { 30, 7, 1, 0 })
        {
            a.Time.SetUtcNow(expiresAt.AddDays(-daysBefore).AddSeconds(1));
            b.Time.SetUtcNow(a.Time.GetUtcNow());
            // Both at once, several times: exactly one wins each claim.
            await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => new[] { a.RunNoticesAsync(), b.RunNoticesAsync() }));
            // Six rounds at once on one SQLite file can fail a send (a busy database); the outbox retries it after its
            // backoff (1, 2, 4 minutes), as it would in production, before the clock jumps days ahead.
            for (var retry = 0; retry < 3; retry++)
            {
                a.Time.Advance(TimeSpan.FromMinutes(5));
                b.Time.SetUtcNow(a.Time.GetUtcNow());
                await a.RunNoticesAsync();
            }
        }

        Assert.Equal([30, 7, 1, 0], (await a.ExpiryNoticesAsync(id)).Select(n => n.ThresholdDays));
        Assert.Equal(5, (await a.OutboxForAsync(email)).Count);
        Assert.All(await a.OutboxForAsync(email), m => Assert.NotNull(m.SentAt));
        Assert.Equal(5, MailTo(_mailbox, email).Count);
    }

    private TokensAppFactory Instance() => TokensAppFactory.OnDatabase(_database)
        .With("Mail:PickupDirectory", _mailbox).With("Site:BaseUrl", SiteBaseUrl);

    private static async Task<(Guid Id, string Email)> CreateTokenAsync(TokensAppFactory app, int days)
    {
        var user = await app.CreateUserAsync($"owner-{Guid.NewGuid():N}@example.com", Roles.ApiTokensGroup);
        using var browser = app.CreateBrowser();
        await browser.SignInAsync(user.Email!, TokensAppFactory.Password);
        return (await browser.CreateTokenAsync("shared database", days), user.Email!);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-shm", "-wal" })
        {
            File.Delete(_database + suffix);
        }

        Delete(_mailbox);
    }
}
