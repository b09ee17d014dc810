using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.TokenState;

namespace ScoutPrime.Tokens.Web.Notices;

/// <summary>
/// Tells a token's owner at once of a security-relevant change (<see cref="SecurityNoticeKinds"/>): a mail each, queued
/// in the outbox. From the 6th notice for one user within an hour on, notices wait for one daily digest instead.
/// </summary>
public sealed partial class SecurityNotices(IServiceScopeFactory scopes, TimeProvider time, ILogger<SecurityNotices> logger)
    : ITokenStateSubscriber
{
    public const int MailsPerHour = 5;
    public static readonly TimeSpan DigestAfter = TimeSpan.FromDays(1);

    public void OnCommitted(TokenStateChange change)
    {
        if (SecurityNoticeKinds.For(change) is not { } notice)
        {
            return;
        }

        try
        {
            Record(change.OwnerId, notice);
        }
        catch (Exception e)
        {
            // The change itself is committed; a lost notice is logged, never a failed request.
            LogNotRecorded(logger, e, change.OwnerId, notice.Subject);
        }
    }

    private void Record(string userId, SecurityNoticeText notice)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TokensDbContext>();
        var mail = scope.ServiceProvider.GetRequiredService<NoticeMail>();
        var now = time.GetUtcNow();
        var email = db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefault();
        if (email is null)
        {
            return; // the account is gone
        }

        var notices = db.SecurityNotices;
        var hourAgo = now.AddHours(-1);
        var held = notices.Count(n => n.UserId == userId && n.At > hourAgo) >= MailsPerHour;
        DateTimeOffset? digestDue = null;
        if (held)
        {
            // Joins the digest already waiting, or starts one due a day from now.
            digestDue = notices.Where(n => n.UserId == userId && n.DigestDueAt != null).Min(n => n.DigestDueAt) ?? now + DigestAfter;
        }

        notices.Add(new SecurityNotice { UserId = userId, At = now, Subject = notice.Subject, Text = notice.Text, DigestDueAt = digestDue });
        if (!held)
        {
            Outbox.Enqueue(db, email, mail.Security(notice.Subject, notice.Text), now);
        }

        db.SaveChanges();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Security notice for {UserId} not recorded: {Subject}")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, string userId, string subject);
}
