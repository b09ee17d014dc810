using Microsoft.Extensions.DependencyInjection;
using ScoutPrime.Tokens.Web.Notices;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using static ScoutPrime.Tokens.Web.Tests.Infrastructure.NoticeSteps;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Mail leaves by real SMTP; while the server is away it waits in the outbox and is retried, never lost.</summary>
public sealed class OutboxTests
{
    [Fact]
    public async Task A_real_SMTP_server_receives_both_parts_with_headers_and_absolute_links_and_no_code()
    {
        var port = LocalSmtpServer.FreePort();
        await using var smtp = LocalSmtpServer.Start(port);
        using var app = WithSmtp(port);
        var (member, user) = await app.SignInMemberAsync();
        var (id, code) = await member.CreateTokenWithCodeAsync("smtp checked", 8);
        app.Time.Advance(TimeSpan.FromDays(1));
        await app.RunNoticesAsync();

        Assert.Equal(2, smtp.Received.Count);
        var message = smtp.Received.Single(m => (m.Subject ?? "").Contains("expires in 7 days"));
        Assert.Equal("no-reply@scoutprime.local", message.From.Mailboxes.Single().Address);
        Assert.Equal(user.Email, message.To.Mailboxes.Single().Address);
        Assert.Equal("multipart/alternative", message.Body!.ContentType.MimeType);
        Assert.EndsWith("@scoutprime.local", message.MessageId);
        Assert.Contains("scoutPRIME API Tokens", message.TextBody);
        Assert.Contains($"{SiteBaseUrl}/tokens/{id}/edit", message.TextBody);
        Assert.Contains($"<a href=\"{SiteBaseUrl}/tokens/{id}/edit\">", message.HtmlBody);
        Assert.Contains("UTC", message.HtmlBody);
        Assert.All(smtp.Received, m => Assert.DoesNotContain(code, m.TextBody + m.HtmlBody + m.Subject));
        Assert.All(await app.OutboxForAsync(user.Email!), m => Assert.NotNull(m.SentAt));
    }

    [Fact]
    public async Task A_failed_send_is_retried_with_backoff_and_delivered_after_recovery()
    {
        var port = LocalSmtpServer.FreePort();
        using var app = WithSmtp(port);
        var (member, user) = await app.SignInMemberAsync();
        await member.CreateTokenAsync("while the server is down", 30);

        Assert.Equal(0, await app.SendOutboxAsync());
        var failed = await CreatedNoticeAsync(app, user.Email!);
        Assert.Equal((1, app.Time.GetUtcNow().AddMinutes(1)), (failed.Attempts, failed.NextAttemptAt));
        Assert.NotNull(failed.LastError);
        Assert.Contains(app.Logs.Lines, l => l.Contains($"Mail {failed.Id} not sent (attempt 1)"));

        await using var smtp = LocalSmtpServer.Start(port);
        Assert.Equal(0, await app.SendOutboxAsync()); // not due again yet
        app.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.NotEqual(0, await app.SendOutboxAsync());

        var sent = await CreatedNoticeAsync(app, user.Email!);
        Assert.Equal((2, null), (sent.Attempts, sent.NextAttemptAt));
        Assert.NotNull(sent.SentAt);
        Assert.Single(smtp.Received, m => (m.Subject ?? "").Contains("was created"));
    }

    [Fact]
    public async Task A_message_still_unsent_after_three_days_is_given_up_and_logged()
    {
        using var app = WithSmtp(LocalSmtpServer.FreePort());
        var (member, user) = await app.SignInMemberAsync();
        await member.CreateTokenAsync("never delivered", 30);

        // Backoff never waits more than an hour, so one attempt every 6 hours finds the message due each time.
        for (var elapsed = TimeSpan.Zero; elapsed <= Outbox.GiveUpAfter + TimeSpan.FromHours(6); elapsed += TimeSpan.FromHours(6))
        {
            await app.SendOutboxAsync();
            app.Time.Advance(TimeSpan.FromHours(6));
        }

        var message = await CreatedNoticeAsync(app, user.Email!);
        Assert.NotNull(message.GaveUpAt);
        Assert.Null(message.NextAttemptAt);
        Assert.Null(message.SentAt);
        Assert.Contains(app.Logs.Lines, l => l.Contains($"Mail {message.Id} given up after"));
    }

    [Fact]
    public async Task Without_an_SMTP_host_a_fresh_start_writes_eml_files_to_mail_under_the_content_root()
    {
        using var app = TokensAppFactory.Dedicated();
        var (member, user) = await app.SignInMemberAsync();
        await member.CreateTokenAsync("to the pickup directory", 30);
        var transport = Assert.IsType<PickupDirectoryTransport>(app.Services.GetRequiredService<IMailTransport>());
        var contentRoot = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>().ContentRootPath;
        Assert.Equal(Path.GetFullPath(Path.Combine(contentRoot, "mail")), transport.Directory);
        Assert.Contains(app.Logs.Lines, l => l.Contains($"Notices: mail goes to the directory {transport.Directory}"));

        await app.SendOutboxAsync();

        var mine = MailTo(transport.Directory, user.Email!);
        try
        {
            Assert.Single(mine);
            Assert.Contains("to the pickup directory", mine[0].Message.TextBody);
            Assert.Contains("http://localhost:5080/tokens", mine[0].Message.TextBody);
        }
        finally
        {
            foreach (var file in Directory.GetFiles(transport.Directory, "*.eml").Where(f => File.ReadAllText(f).Contains(user.Email!)))
            {
                File.Delete(file);
            }
        }
    }

    private static TokensAppFactory WithSmtp(int port) => TokensAppFactory.Dedicated()
        .With("Mail:Smtp:Host", "127.0.0.1").With("Mail:Smtp:Port", $"{port}").With("Mail:Smtp:UseTls", "false")
        .With("Site:BaseUrl", SiteBaseUrl).WithoutNoticeServices();

    private static async Task<Web.Notices.OutboxMessage> CreatedNoticeAsync(TokensAppFactory app, string email) =>
        Assert.Single(await app.OutboxForAsync(email), m => m.Subject.Contains("was created"));
}
