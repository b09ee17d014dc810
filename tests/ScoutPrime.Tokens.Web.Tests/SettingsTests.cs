using System.Collections.Concurrent;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Settings;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;
using ScoutPrime.Tokens.Web.TokenState;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>The administrators' Settings screen: the token policies, their defaults, their validation and each one's effect.</summary>
public sealed class SettingsTests : IDisposable
{
    private readonly Recorder _heard = new();
    private readonly TokensAppFactory _app;

    public SettingsTests() => _app = TokensAppFactory.Dedicated().With("Tokens:MaxPerUser", "7")
        .WithServices(s => s.AddSingleton<ITokenStateSubscriber>(_heard));

    [Fact]
    public async Task The_form_starts_from_the_configuration_and_a_save_is_stored_and_audited()
    {
        var (admin, administrator) = await _app.SignInNewUserAsync(Roles.Administrators);

        var form = await admin.GetAsync("/admin/settings");
        Assert.Equal(("365", "7", ""), (Value(form, "MaxTimeoutDays"), Value(form, "MaxPerUser"), Value(form, "IdleRevocationDays")));
        Assert.NotNull(form.Document.QuerySelector("#reveal-always[checked]"));

        var saved = await SaveAsync(admin, maxTimeout: "365", maxPerUser: "9", idle: "90", reveal: "Once");

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Contains("Settings saved.", (await admin.GetAsync(saved.Location!)).Text);
        var row = await _app.WithDbAsync(db => db.Set<TokenPolicy>().SingleAsync());
        Assert.Equal((365, 9, (int?)90, RevealPolicy.Once, administrator.Id), (row.MaxTimeoutDays, row.MaxPerUser, row.IdleRevocationDays, row.Reveal, row.UpdatedBy));
        var entry = await _app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.PoliciesChanged));
        Assert.Equal("tokens per user 7 → 9; idle revocation off → 90 days; reveal Always → Once", entry.Detail);
        Assert.Contains("Nothing changed.", (await admin.GetAsync((await SaveAsync(admin, "365", "9", "90", "Once")).Location!)).Text);
    }

    public static TheoryData<string, string, string, string, string> BadValues => new()
    {
        { "0", "7", "", "Always", "Choose a maximum timeout from 1 to 3650 days." },
        { "3651", "7", "", "Always", "Choose a maximum timeout from 1 to 3650 days." },
        { "", "7", "", "Always", "Enter a maximum timeout in days." },
        { "0x10", "7", "", "Always", "is not a valid" },
        { "30", "0", "", "Always", "Choose from 1 to 10000 tokens per user." },
        { "30", "10001", "", "Always", "Choose from 1 to 10000 tokens per user." },
        { "30", "7", "0", "Always", "Choose idle revocation from 1 to 3650 days" },
        { "30", "7", "-3", "Always", "Choose idle revocation from 1 to 3650 days" },
        { "30", "7", "", "Sometimes", "is not a valid" },
        { "30", "7", "", "7", "is invalid" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task Out_of_range_values_redisplay_the_form_with_a_message_and_400_and_change_nothing(
        string maxTimeout, string maxPerUser, string idle, string reveal, string message)
    {
        var (admin, _) = await _app.SignInNewUserAsync(Roles.Administrators);

        var page = await SaveAsync(admin, maxTimeout, maxPerUser, idle, reveal);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(message, page.Document.QuerySelector(".invalid-feedback:not(:empty)")!.TextContent);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Set<TokenPolicy>().CountAsync()));
    }

    [Fact]
    public async Task Lowering_the_maximum_timeout_shortens_longer_tokens_audits_and_announces_them_and_bounds_new_ones()
    {
        var (owner, account) = await _app.SignInMemberAsync();
        var longOne = await owner.CreateTokenAsync("long", timeoutDays: 300);
        var shortOne = await owner.CreateTokenAsync("short", timeoutDays: 10);
        var (admin, administrator) = await _app.SignInNewUserAsync(Roles.Administrators);
        _heard.Changes.Clear();
        var now = _app.Time.GetUtcNow();

        var saved = await SaveAsync(admin, maxTimeout: "30", maxPerUser: "7", idle: "", reveal: "Always");

        Assert.Contains("1 token now expires sooner", (await admin.GetAsync(saved.Location!)).Text);
        var expiries = await _app.WithDbAsync(db => db.Tokens.ToDictionaryAsync(t => t.Id, t => (t.ExpiresAt, t.TimeoutDays)));
        Assert.Equal((now.AddDays(30), 30), expiries[longOne]);
        Assert.Equal((now.AddDays(10), 10), expiries[shortOne]);
        var entry = await _app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.TokenShortenedByPolicy));
        Assert.Equal((longOne, account.Id, administrator.Id), (entry.TokenId, entry.SubjectUserId, entry.ActorId));
        var edited = Assert.IsType<TokenStateChange.TokenEdited>(Assert.Single(_heard.Changes));
        Assert.Equal(longOne, edited.TokenId);
        // New and edited tokens are held to the new maximum too.
        Assert.Contains(TimeoutDaysAttribute.Message(30), (await owner.AddTokenAsync("too long", "31")).Text);
    }

    [Fact]
    public async Task At_most_N_tokens_per_user_refuses_the_next_one()
    {
        var (admin, _) = await _app.SignInNewUserAsync(Roles.Administrators);
        await SaveAsync(admin, maxTimeout: "365", maxPerUser: "2", idle: "", reveal: "Always");
        var (owner, _) = await _app.SignInMemberAsync();
        await owner.CreateTokenAsync("one");
        await owner.CreateTokenAsync("two");

        var third = await owner.AddTokenAsync("three", "15");

        Assert.Equal(HttpStatusCode.Conflict, third.Status);
    }

    [Fact]
    public async Task Idle_revocation_is_off_by_default_and_once_on_revokes_each_token_unused_for_its_days_within_the_hour()
    {
        var now = _app.Time.GetUtcNow();
        await _app.WithDbAsync(db =>
        {
            var owner = db.User("idle@policy.test");
            db.Token(owner, "used 40 days ago", now, createdDays: -100, expiresDays: 30, lastUsedDays: -40);
            db.Token(owner, "never used, 31 days old", now, createdDays: -31, expiresDays: 30);
            db.Token(owner, "used yesterday", now, createdDays: -100, expiresDays: 30, lastUsedDays: -1);
            db.Token(owner, "never used, new", now, createdDays: -2, expiresDays: 30);
            return db.SaveChangesAsync();
        });
        var (admin, _) = await _app.SignInNewUserAsync(Roles.Administrators);
        Assert.Equal(0, await _app.Services.GetRequiredService<IdleRevocation>().RunAsync(CancellationToken.None));

        await SaveAsync(admin, maxTimeout: "365", maxPerUser: "7", idle: "30", reveal: "Always");
        _app.Time.Advance(IdleRevocation.Interval);

        var left = await EventuallyAsync(() => _app.WithDbAsync(db => db.Tokens.OrderBy(t => t.Description).Select(t => t.Description).ToListAsync()), l => l.Count == 2);
        Assert.Equal(["never used, new", "used yesterday"], left);
        var entries = await _app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.TokenRevokedIdle).ToListAsync());
        Assert.All(entries, e => Assert.Equal((AuditActors.Policy, true), (e.ActorId, e.Detail!.EndsWith("— Unused for 30 days", StringComparison.Ordinal))));
        Assert.Equal(2, entries.Count);
        Assert.Equal(2, _heard.Changes.OfType<TokenStateChange.TokenDeleted>().Count(c => c.Reason == "Unused for 30 days" && c.ByAdministratorId is null));
    }

    [Fact]
    public async Task Shown_once_refuses_every_Show_after_the_first_including_for_tokens_shown_before_it_was_chosen()
    {
        var (owner, _) = await _app.SignInMemberAsync();
        var (seenBefore, _) = await owner.CreateTokenWithCodeAsync("shown under Always");
        Assert.StartsWith("scp_", await owner.RevealJsonAsync(seenBefore));
        var (admin, _) = await _app.SignInNewUserAsync(Roles.Administrators);
        await SaveAsync(admin, maxTimeout: "365", maxPerUser: "7", idle: "", reveal: "Once");
        var fresh = await owner.CreateTokenAsync("new under Once");

        Assert.StartsWith("scp_", await owner.RevealJsonAsync(fresh));
        var again = await owner.ShowAsync(fresh);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains("This token's code was already shown", again.Text);
        Assert.DoesNotContain("scp_", again.Html);
        Assert.Equal(HttpStatusCode.Conflict, (await owner.ShowAsync(seenBefore)).Status);
    }

    public void Dispose() => _app.Dispose();

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        for (var i = 0; i < 100; i++)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            await Task.Delay(100);
        }

        return await read();
    }

    private static string? Value(Page page, string name) => page.Document.QuerySelector($"input[name={name}]")!.GetAttribute("value");

    private static async Task<Page> SaveAsync(BrowserClient admin, string maxTimeout, string maxPerUser, string idle, string reveal)
    {
        var form = await admin.GetAsync("/admin/settings");
        return await admin.SubmitAsync(form.Form("form.settings-form"), new Dictionary<string, string>
        {
            ["MaxTimeoutDays"] = maxTimeout,
            ["MaxPerUser"] = maxPerUser,
            ["IdleRevocationDays"] = idle,
            ["Reveal"] = reveal,
        });
    }

    private sealed class Recorder : ITokenStateSubscriber
    {
        public ConcurrentQueue<TokenStateChange> Changes { get; } = new();

        public void OnCommitted(TokenStateChange change) => Changes.Enqueue(change);
    }
}

/// <summary>The Settings screen: anonymous to sign-in, non-administrators 403, administrators in.</summary>
public sealed class SettingsAuthorizationTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task Anonymous_member_and_administrator(string method)
    {
        using var anonymous = app.CreateBrowser();
        var (member, _) = await app.SignInMemberAsync();
        var (admin, _) = await app.SignInNewUserAsync(Roles.Administrators);

        var anonymousPage = await SendAsync(anonymous, method);
        Assert.Equal(HttpStatusCode.Redirect, anonymousPage.Status);
        Assert.StartsWith("http://localhost/Identity/Account/Login?ReturnUrl=", anonymousPage.Location);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(member, method)).Status);
        Assert.Equal(method == "GET" ? HttpStatusCode.OK : HttpStatusCode.Redirect, (await SendAsync(admin, method)).Status);
        Assert.NotNull((await admin.GetFollowingAsync("/")).Document.QuerySelector(".avatar-menu a[href='/admin/settings']"));
        Assert.Null((await member.GetAsync("/tokens")).Document.QuerySelector(".avatar-menu a[href='/admin/settings']"));
    }

    [Fact]
    public async Task A_save_without_the_antiforgery_token_is_refused_with_400()
    {
        var (admin, _) = await app.SignInNewUserAsync(Roles.Administrators);

        var page = await admin.PostRawAsync("/admin/settings", Fields());

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
    }

    private static Dictionary<string, string> Fields() => new()
    {
        ["MaxTimeoutDays"] = "365", ["MaxPerUser"] = "50", ["IdleRevocationDays"] = "", ["Reveal"] = "Always",
    };

    private static async Task<Page> SendAsync(BrowserClient browser, string method)
    {
        if (method == "GET")
        {
            return await browser.GetAsync("/admin/settings");
        }

        var fields = Fields();
        var home = await browser.GetFollowingAsync("/");
        if (home.Document.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value") is { } token)
        {
            fields["__RequestVerificationToken"] = token;
        }

        return await browser.PostRawAsync("/admin/settings", fields);
    }
}
