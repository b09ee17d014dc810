using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using static ScoutPrime.Tokens.Web.Tests.Infrastructure.NoticeSteps;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>30, 7 and 1 days before expiry and at it: each notice once, with a way to act and never a code.</summary>
public sealed class ExpiryNoticeTests(NoticesApp notices) : IClassFixture<NoticesApp>
{
    private readonly TokensAppFactory _app = notices.App;
    private readonly string _mailbox = notices.Mailbox;

    [Fact]
    public async Task Each_threshold_fires_once_and_only_once()
    {
        var (member, user) = await _app.SignInMemberAsync();
        var (id, code) = await member.CreateTokenWithCodeAsync("nightly export", 31);
        var expiresAt = _app.Time.GetUtcNow().AddDays(31);

        foreach (var (daysBefore, expected) in new[] { (30, 30), (7, 7), (1, 1), (0, 0) })
        {
            _app.Time.SetUtcNow(expiresAt.AddDays(-daysBefore).AddSeconds(30));
            await _app.RunNoticesAsync();
            await _app.RunNoticesAsync();
            _app.Time.Advance(TimeSpan.FromMinutes(5));
            await _app.RunNoticesAsync();
            Assert.Equal(expected, (await _app.ExpiryNoticesAsync(id)).Last().ThresholdDays);
        }

        _app.Time.Advance(TimeSpan.FromDays(40));
        await _app.RunNoticesAsync();
        Assert.Equal([30, 7, 1, 0], (await _app.ExpiryNoticesAsync(id)).Select(n => n.ThresholdDays));
        var mails = MailTo(_mailbox, user.Email!).Where(m => (m.Message.Subject ?? "").Contains("nightly export")).ToList();
        Assert.Equal(4, mails.Count);
        Assert.All(mails, m => Assert.DoesNotContain(code, m.Raw));
        Assert.All(mails, m => Assert.DoesNotContain(code[4..20], m.Raw));
    }

    [Fact]
    public async Task The_mail_names_the_product_the_token_and_the_date_and_links_to_the_edit_page()
    {
        var (member, user) = await _app.SignInMemberAsync();
        var expiry = _app.Time.GetUtcNow().AddDays(8).UtcDateTime.ToString("dddd d MMMM yyyy, HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        var id = await member.CreateTokenAsync("billing sync", 8);

        _app.Time.Advance(TimeSpan.FromDays(1));
        await _app.RunNoticesAsync();

        var (message, _) = Assert.Single(MailTo(_mailbox, user.Email!), m => (m.Message.Subject ?? "").Contains("expires in 7 days"));
        Assert.Equal("scoutPRIME API Tokens: Your API token \"billing sync\" expires in 7 days", message.Subject);
        Assert.Contains(expiry, message.TextBody);
        Assert.Contains(expiry, message.HtmlBody);
        Assert.Contains($"{SiteBaseUrl}/tokens/{id}/edit", message.TextBody);
        Assert.Contains($"href=\"{SiteBaseUrl}/tokens/{id}/edit\"", message.HtmlBody);
        Assert.Contains("billing sync", message.HtmlBody);
    }

    [Fact]
    public async Task The_expired_mail_says_the_token_must_be_recreated()
    {
        var (member, user) = await _app.SignInMemberAsync();
        await member.CreateTokenAsync("old report", 1);

        _app.Time.Advance(TimeSpan.FromDays(1));
        await _app.RunNoticesAsync();

        var (message, _) = Assert.Single(MailTo(_mailbox, user.Email!), m => (m.Message.Subject ?? "").Contains("has expired"));
        Assert.Contains("must be recreated", message.TextBody);
        Assert.Contains($"href=\"{SiteBaseUrl}/tokens\"", message.HtmlBody);
    }

    [Fact]
    public async Task A_token_created_with_less_time_left_skips_the_larger_thresholds()
    {
        var (member, _) = await _app.SignInMemberAsync();
        var shortId = await member.CreateTokenAsync("five days", 5);
        var weekId = await member.CreateTokenAsync("exactly a week", 7);

        for (var hour = 0; hour <= 7 * 24; hour += 6)
        {
            await _app.RunNoticesAsync();
            _app.Time.Advance(TimeSpan.FromHours(6));
        }

        await _app.RunNoticesAsync();
        Assert.Equal([1, 0], (await _app.ExpiryNoticesAsync(shortId)).Select(n => n.ThresholdDays));
        // Exactly as much time left as a threshold is not less: the 7-day notice is given at once.
        Assert.Equal([7, 1, 0], (await _app.ExpiryNoticesAsync(weekId)).Select(n => n.ThresholdDays));
    }

    [Fact]
    public async Task Editing_the_timeout_to_later_rearms_the_thresholds_not_yet_passed()
    {
        var (member, _) = await _app.SignInMemberAsync();
        var id = await member.CreateTokenAsync("extended", 10);
        _app.Time.Advance(TimeSpan.FromDays(3));
        await _app.RunNoticesAsync();
        Assert.Equal([7], (await _app.ExpiryNoticesAsync(id)).Select(n => n.ThresholdDays));

        await member.EditTokenAsync(id, "extended", 10);
        await _app.RunNoticesAsync();
        Assert.Single(await _app.ExpiryNoticesAsync(id));
        _app.Time.Advance(TimeSpan.FromDays(3));
        await _app.RunNoticesAsync();

        var notices = await _app.ExpiryNoticesAsync(id);
        Assert.Equal([7, 7], notices.Select(n => n.ThresholdDays));
        Assert.NotEqual(notices[0].ExpiresAt, notices[1].ExpiresAt);
    }

    [Fact]
    public async Task A_rotated_tokens_successor_gets_the_notices_and_the_replaced_token_none()
    {
        var (member, _) = await _app.SignInMemberAsync();
        var oldId = await member.CreateTokenAsync("rotated export", 40);
        var (newId, _, _) = await member.RotateToSuccessorAsync(oldId, "PT1H");
        var expiresAt = _app.Time.GetUtcNow().AddDays(40);

        foreach (var daysBefore in new[] { 30, 7, 1, 0 })
        {
            _app.Time.SetUtcNow(expiresAt.AddDays(-daysBefore).AddSeconds(30));
            await _app.RunNoticesAsync();
        }

        Assert.Equal([30, 7, 1, 0], (await _app.ExpiryNoticesAsync(newId)).Select(n => n.ThresholdDays));
        Assert.Empty(await _app.ExpiryNoticesAsync(oldId));
    }

    [Fact]
    public async Task A_token_shortened_by_policy_is_noticed_before_its_new_expiry()
    {
        using var app = TokensAppFactory.Dedicated().WithMailbox(out var mailbox);
        try
        {
            var (member, _) = await app.SignInMemberAsync();
            var id = await member.CreateTokenAsync("long lived", 100);
            var replacedId = await member.CreateTokenAsync("replaced", 100);
            await member.RotateToSuccessorAsync(replacedId, "P7D");
            var (admin, _) = await app.SignInNewUserAsync(Identity.Roles.Administrators);
            await admin.SavePoliciesAsync(maxTimeoutDays: 10);
            var newExpiry = app.Time.GetUtcNow().AddDays(10);

            for (var day = 0; day <= 10; day++)
            {
                await app.RunNoticesAsync();
                app.Time.Advance(TimeSpan.FromDays(1));
            }

            var notices = await app.ExpiryNoticesAsync(id);
            Assert.Equal([7, 1, 0], notices.Select(n => n.ThresholdDays));
            Assert.All(notices, n => Assert.Equal(newExpiry, n.ExpiresAt));
            Assert.Empty(await app.ExpiryNoticesAsync(replacedId));
        }
        finally
        {
            Delete(mailbox);
        }
    }

    [Fact]
    public async Task The_thirty_day_notice_can_be_turned_off_but_not_the_others()
    {
        var (member, user) = await _app.SignInMemberAsync();
        var settings = await member.GetAsync("/Identity/Account/Manage/Notices");
        var saved = await member.SubmitAsync(settings.Form("#notice-preferences"), new Dictionary<string, string> { ["ThirtyDayNotice"] = "false" });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.Status);
        Assert.Null((await member.GetAsync("/Identity/Account/Manage/Notices")).Document.QuerySelector("#ThirtyDayNotice[checked]"));
        var id = await member.CreateTokenAsync("quiet", 31);

        _app.Time.Advance(TimeSpan.FromDays(1));
        await _app.RunNoticesAsync();
        _app.Time.Advance(TimeSpan.FromDays(23));
        await _app.RunNoticesAsync();

        var notices = await _app.ExpiryNoticesAsync(id);
        Assert.Equal([(30, false), (7, true)], notices.Select(n => (n.ThresholdDays, n.Mailed)));
        Assert.DoesNotContain(MailTo(_mailbox, user.Email!), m => (m.Message.Subject ?? "").Contains("in 30 days"));
        Assert.Single(MailTo(_mailbox, user.Email!), m => (m.Message.Subject ?? "").Contains("in 7 days"));
        Assert.Single(MailTo(_mailbox, user.Email!), m => (m.Message.Subject ?? "").Contains("was created"));
    }

    [Fact]
    public async Task The_notice_settings_posted_several_times_at_once_are_saved_without_an_error()
    {
        var (member, _) = await _app.SignInMemberAsync();
        var form = (await member.GetAsync("/Identity/Account/Manage/Notices")).Form("#notice-preferences");

        // A double (or impatient) submit of a user's first save: each post finds no row and inserts one.
        var posts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            member.SubmitAsync(form, new Dictionary<string, string> { ["ThirtyDayNotice"] = "false" })));

        Assert.All(posts, p => Assert.Equal(System.Net.HttpStatusCode.Redirect, p.Status));
        Assert.Null((await member.GetAsync("/Identity/Account/Manage/Notices")).Document.QuerySelector("#ThirtyDayNotice[checked]"));
    }
}
