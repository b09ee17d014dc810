using Microsoft.Extensions.DependencyInjection;
using ScoutPrime.Tokens.Web.Admin;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using static ScoutPrime.Tokens.Web.Tests.Infrastructure.NoticeSteps;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>The owner hears at once of what happens to their tokens and standing; a flood becomes one digest.</summary>
public sealed class SecurityNoticeTests(NoticesApp notices) : IClassFixture<NoticesApp>
{
    private readonly TokensAppFactory _app = notices.App;
    private readonly string _mailbox = notices.Mailbox;

    [Fact]
    public async Task Creating_a_token_and_an_administrator_deleting_it_each_send_one_mail()
    {
        var (member, user) = await _app.SignInMemberAsync();
        var (id, code) = await member.CreateTokenWithCodeAsync("deploy key", 30);
        var own = await member.CreateTokenAsync("mine to delete", 30);
        await member.DeleteTokenAsync(own);
        using var admin = _app.CreateBrowser();
        await admin.SignInAsync(TokensAppFactory.AdminEmail, TokensAppFactory.Password);
        var confirm = await admin.GetAsync($"/admin/users/{user.Id}/tokens/{id}/delete");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await admin.SubmitAsync(confirm.Form())).Status);

        await _app.SendOutboxAsync();

        var subjects = MailTo(_mailbox, user.Email!).Select(m => m.Message.Subject).Order().ToList();
        Assert.Equal(
            ["scoutPRIME API Tokens: A new API token was created", "scoutPRIME API Tokens: A new API token was created",
             "scoutPRIME API Tokens: An administrator deleted your API token"],
            subjects);
        var deleted = MailTo(_mailbox, user.Email!).Single(m => (m.Message.Subject ?? "").Contains("deleted")).Message;
        Assert.Contains("\"deploy key\"", deleted.TextBody);
        Assert.Contains($"href=\"{SiteBaseUrl}/tokens\"", deleted.HtmlBody);
        Assert.All(MailTo(_mailbox, user.Email!), m => Assert.DoesNotContain(code, m.Raw));
    }

    [Fact]
    public async Task Suspending_rotating_and_a_leak_report_each_send_one_mail_naming_the_token()
    {
        var (member, user) = await _app.SignInMemberAsync();
        // Five notices in all (two creations, then these three), so none waits for the digest.
        var paused = await member.CreateTokenAsync("paused job", 30);
        var rotated = await member.CreateTokenAsync("rotated job", 30);
        await member.SetSuspendedAsync(paused);
        var (_, leaked, _) = await member.RotateToSuccessorAsync(rotated, "PT1H");
        using var api = _app.CreateApiClient();
        await api.ReportLeakedAsync([leaked]);

        await _app.SendOutboxAsync();

        var mails = MailTo(_mailbox, user.Email!);
        Assert.Contains("\"paused job\" was suspended", mails.Single(m => m.Message.Subject!.EndsWith("An API token was suspended", StringComparison.Ordinal)).Message.TextBody);
        Assert.Contains("\"rotated job\" was rotated", mails.Single(m => m.Message.Subject!.EndsWith("An API token was rotated", StringComparison.Ordinal)).Message.TextBody);
        Assert.Contains("\"rotated job\" was reported as leaked", mails.Single(m => m.Message.Subject!.EndsWith("reported as leaked and revoked", StringComparison.Ordinal)).Message.TextBody);
        Assert.All(mails, m => Assert.DoesNotContain(leaked, m.Raw));
    }

    [Fact]
    public async Task Being_added_to_and_removed_from_the_group_each_send_one_mail()
    {
        var user = await _app.CreateUserAsync($"joiner-{Guid.NewGuid():N}@example.com");
        using var admin = _app.CreateBrowser();
        await admin.SignInAsync(TokensAppFactory.AdminEmail, TokensAppFactory.Password);

        await admin.AddToGroupAsync(user.Id);
        await admin.RemoveFromGroupAsync(user.Id);
        await _app.SendOutboxAsync();

        Assert.Equal(
            ["scoutPRIME API Tokens: You were added to the API Tokens Group", "scoutPRIME API Tokens: You were removed from the API Tokens Group"],
            MailTo(_mailbox, user.Email!).Select(m => m.Message.Subject).Order());
    }

    [Fact]
    public async Task More_than_five_notices_in_an_hour_become_one_daily_digest()
    {
        var user = await _app.CreateUserAsync($"busy-{Guid.NewGuid():N}@example.com", Roles.ApiTokensGroup);
        for (var i = 1; i <= 8; i++)
        {
            await SetMembershipAsync(user.Id, member: i % 2 == 0);
            _app.Time.Advance(TimeSpan.FromMinutes(5));
        }

        await _app.RunNoticesAsync();
        Assert.Equal(5, MailTo(_mailbox, user.Email!).Count);

        _app.Time.Advance(TimeSpan.FromHours(23));
        await _app.RunNoticesAsync();
        Assert.Equal(5, MailTo(_mailbox, user.Email!).Count);
        _app.Time.Advance(TimeSpan.FromHours(1));
        await _app.RunNoticesAsync();
        await _app.RunNoticesAsync();

        var mails = MailTo(_mailbox, user.Email!);
        Assert.Equal(6, mails.Count);
        var digest = Assert.Single(mails, m => (m.Message.Subject ?? "").Contains("3 security notices")).Message;
        Assert.Equal(3, digest.TextBody!.Split('\n').Count(l => l.Contains(" UTC: You were")));

        // A quiet hour later, a notice is mailed on its own again.
        await SetMembershipAsync(user.Id, member: false);
        await _app.SendOutboxAsync();
        Assert.Equal(7, MailTo(_mailbox, user.Email!).Count);
    }

    private async Task SetMembershipAsync(string userId, bool member)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var admin = await _app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == TokensAppFactory.AdminEmail).Id));
        var result = await scope.ServiceProvider.GetRequiredService<GroupMembershipService>()
            .SetMembershipAsync(admin, userId, Roles.ApiTokensGroup, member, CancellationToken.None);
        Assert.Equal(MembershipChange.Done, result);
    }
}
