using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;
using ScoutPrime.Tokens.Web.Notices;

namespace ScoutPrime.Tokens.Web.Tests.Infrastructure;

/// <summary>Notices driven by hand: what the background services do each tick, run now, and what came of it.</summary>
public static class NoticeSteps
{
    /// <summary>An application whose mail goes to a pickup directory of its own, with absolute links to a known site.</summary>
    public static TokensAppFactory WithMailbox(this TokensAppFactory app, out string mailbox)
    {
        mailbox = Path.Combine(Path.GetTempPath(), $"scoutprime-mail-{Guid.NewGuid():N}");
        return app.With("Mail:PickupDirectory", mailbox).With("Site:BaseUrl", SiteBaseUrl).WithoutNoticeServices();
    }

    /// <summary>
    /// Without the two background services: the test runs their ticks itself (<see cref="RunNoticesAsync"/>), so
    /// nothing it counts is claimed by a tick it did not run.
    /// </summary>
    public static TokensAppFactory WithoutNoticeServices(this TokensAppFactory app) => app.WithServices(services =>
    {
        foreach (var hosted in services.Where(d => d.ServiceType == typeof(IHostedService)
            && (d.ImplementationType == typeof(NoticeScheduler) || d.ImplementationType == typeof(OutboxDispatcher))).ToList())
        {
            services.Remove(hosted);
        }
    });

    public const string SiteBaseUrl = "https://tokens.example.com";

    /// <summary>One tick of both background services: expiry scan, digests, then the outbox.</summary>
    public static async Task RunNoticesAsync(this TokensAppFactory app)
    {
        await app.ScanAsync();
        await app.SendOutboxAsync();
    }

    public static async Task ScanAsync(this TokensAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ExpiryNoticeScan>().RunOnceAsync(CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<SecurityDigest>().RunOnceAsync(CancellationToken.None);
    }

    public static async Task<int> SendOutboxAsync(this TokensAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Outbox>().SendDueAsync(CancellationToken.None);
    }

    public static Task<List<ExpiryNotice>> ExpiryNoticesAsync(this TokensAppFactory app, Guid tokenId) =>
        app.WithDbAsync(db => db.ExpiryNotices.AsNoTracking().Where(n => n.TokenId == tokenId).OrderBy(n => n.Id).ToListAsync());

    public static Task<List<OutboxMessage>> OutboxForAsync(this TokensAppFactory app, string recipient) =>
        app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.Recipient == recipient).OrderBy(m => m.Id).ToListAsync());

    /// <summary>The .eml files in a pickup directory, oldest first, each with its raw text.</summary>
    public static List<(MimeMessage Message, string Raw)> Mail(string mailbox) =>
        !Directory.Exists(mailbox) ? []
        : [.. Directory.GetFiles(mailbox, "*.eml").Order().Select(f => (MimeMessage.Load(f), File.ReadAllText(f)))];

    public static List<(MimeMessage Message, string Raw)> MailTo(string mailbox, string recipient) =>
        [.. Mail(mailbox).Where(m => m.Message.To.Mailboxes.Any(a => a.Address == recipient))];

    public static void Delete(string mailbox)
    {
        if (Directory.Exists(mailbox))
        {
            Directory.Delete(mailbox, recursive: true);
        }
    }
}
