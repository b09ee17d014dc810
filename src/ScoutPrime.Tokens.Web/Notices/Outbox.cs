using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.Notices;

/// <summary>This instance, as written in a claim: unique per application instance, also two in one process.</summary>
public sealed class OutboxClaimant
{
    public string Name { get; } = $"{Guid.NewGuid():N} {Environment.MachineName}"[..Math.Min(100, 33 + Environment.MachineName.Length)];
}

/// <summary>
/// Sends what is queued in <see cref="OutboxMessage"/>s. A message is claimed with one conditional UPDATE (its
/// claim absent or expired), so on several instances exactly one sends it; a failure is retried with backoff, and a
/// message still unsent 3 days after it was queued is given up, logged as an error.
/// </summary>
public sealed partial class Outbox(
    TokensDbContext db, IMailTransport transport, OutboxClaimant claimant, IOptions<MailOptions> options, TimeProvider time, ILogger<Outbox> logger)
{
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(3);
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);
    private const int Batch = 20;

    private string Instance => claimant.Name;

    /// <summary>Adds a message to the context; it is queued when the caller saves, in the caller's transaction.</summary>
    public static void Enqueue(TokensDbContext db, string recipient, MailContent mail, DateTimeOffset now) =>
        db.Outbox.Add(new OutboxMessage
        {
            Recipient = recipient, Subject = mail.Subject, Text = mail.Text, Html = mail.Html, CreatedAt = now, NextAttemptAt = now,
        });

    /// <returns>How many messages were sent.</returns>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var outbox = db.Outbox;
        var due = await outbox.AsNoTracking()
            .Where(m => m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil <= now))
            .OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(Batch).ToListAsync(ct);
        var sent = 0;
        foreach (var id in due)
        {
            var claimed = await outbox
                .Where(m => m.Id == id && m.NextAttemptAt != null && (m.ClaimedUntil == null || m.ClaimedUntil <= now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, Instance).SetProperty(m => m.ClaimedUntil, now + ClaimFor), ct);
            if (claimed == 1 && await outbox.AsNoTracking().SingleAsync(m => m.Id == id, ct) is var message)
            {
                sent += await TrySendAsync(message, now, ct) ? 1 : 0;
            }
        }

        return sent;
    }

    private async Task<bool> TrySendAsync(OutboxMessage message, DateTimeOffset now, CancellationToken ct)
    {
        var outbox = db.Outbox.Where(m => m.Id == message.Id && m.ClaimedBy == Instance);
        try
        {
            await transport.SendAsync(ToMime(message), ct);
            await outbox.ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now).SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.Attempts, message.Attempts + 1), ct);
            LogSent(logger, message.Id);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var attempts = message.Attempts + 1;
            var giveUp = now - message.CreatedAt >= GiveUpAfter;
            DateTimeOffset? next = giveUp ? null : now + Backoff(attempts);
            var error = $"{e.GetType().Name}: {e.Message}";
            await outbox.ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, attempts).SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.GaveUpAt, giveUp ? now : null).SetProperty(m => m.LastError, error[..Math.Min(500, error.Length)])
                .SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), ct);
            if (giveUp)
            {
                LogGaveUp(logger, message.Id, attempts, error);
            }
            else
            {
                LogRetry(logger, message.Id, attempts, next!.Value, error);
            }

            return false;
        }
    }

    /// <summary>1, 2, 4 … minutes, at most an hour between attempts.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Min(attempts - 1, 6))));

    private MimeMessage ToMime(OutboxMessage message)
    {
        var from = MailboxAddress.Parse(options.Value.From);
        var mime = new MimeMessage { Subject = message.Subject, Date = message.CreatedAt };
        mime.From.Add(from);
        mime.To.Add(MailboxAddress.Parse(message.Recipient));
        // Stable per message: a retry after a lost acknowledgement is recognisably the same mail.
        mime.MessageId = $"notice-{message.Id}-{message.CreatedAt.ToUnixTimeSeconds()}@{from.Domain}";
        mime.Body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html }.ToMessageBody();
        return mime;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {MessageId} sent")]
    private static partial void LogSent(ILogger logger, long messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MessageId} not sent (attempt {Attempts}), retrying at {NextAttemptAt:u}: {Error}")]
    private static partial void LogRetry(ILogger logger, long messageId, int attempts, DateTimeOffset nextAttemptAt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail {MessageId} given up after {Attempts} attempts over 3 days: {Error}")]
    private static partial void LogGaveUp(ILogger logger, long messageId, int attempts, string error);
}
