using System.Collections.Concurrent;
using System.Net;
using ScoutPrime.Tokens.Web.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.TokenState;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Bulk revoke of the Tokens screen's filtered selection: one confirmation, a reason, the ordinary deletion path.</summary>
public sealed class InventoryRevokeTests : IDisposable
{
    private readonly Recorder _heard = new();
    private readonly TokensAppFactory _app;

    public InventoryRevokeTests() => _app = TokensAppFactory.Dedicated().WithServices(s => s.AddSingleton<ITokenStateSubscriber>(_heard));

    [Fact]
    public async Task Revoking_the_filtered_selection_deletes_audits_and_announces_each_token_and_refuses_it_at_once()
    {
        var (owner, account) = await _app.SignInMemberAsync();
        var (stale, code) = await owner.CreateTokenWithCodeAsync("stale one", timeoutDays: 3);
        var kept = await owner.CreateTokenAsync("kept", timeoutDays: 30);
        using var api = _app.CreateApiClient();
        await api.CallUntilCachedAsync(code);
        var (admin, administrator) = await _app.SignInNewUserAsync(Roles.Administrators);
        _heard.Changes.Clear();

        var confirmation = await OpenRevokeAsync(admin, $"Owner={account.Email}&Status=Expiring");
        Assert.Equal("Revoke 1 token?", confirmation.Document.QuerySelector("h1")!.TextContent);
        var done = await admin.SubmitAsync(confirmation.Form("form.revoke-form"), new Dictionary<string, string> { ["Reason"] = "Leaked in a CI log" });

        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        var list = await admin.GetAsync(done.Location!);
        Assert.Contains("1 token revoked.", list.Text);
        Assert.Equal([kept], await _app.WithDbAsync(db => db.Tokens.Where(t => t.OwnerId == account.Id).Select(t => t.Id).ToListAsync()));
        var entry = await _app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.TokenId == stale && a.Action == AuditActions.TokenRevokedByAdministrator));
        Assert.Equal((administrator.Id, account.Id, "'stale one' — Leaked in a CI log"), (entry.ActorId, entry.SubjectUserId, entry.Detail));
        Assert.Equal([new TokenStateChange.TokenDeleted(account.Id, stale, administrator.Id, "stale one", "Leaked in a CI log")], _heard.Changes);
        await ApiAuthenticationTests.AssertUniform401Async(await api.GetWithTokenAsync(ApiRequests.Me, code));
        // The owner reads it in their history on the administrators' user page too.
        Assert.Contains("Token revoked by an administrator", (await admin.GetAsync($"/admin/users/{account.Id}")).Text);
    }

    [Fact]
    public async Task A_selection_larger_than_a_batch_is_revoked_whole()
    {
        var now = _app.Time.GetUtcNow();
        await _app.WithDbAsync(db =>
        {
            var (many, other) = (db.User("many@batch.test"), db.User("other@batch.test"));
            for (var i = 0; i < 1_201; i++)
            {
                db.Token(many, $"batch {i}", now, createdDays: -1, expiresDays: 30);
            }

            db.Token(other, "not selected", now, createdDays: -1, expiresDays: 30);
            return db.SaveChangesAsync();
        });
        var (admin, _) = await _app.SignInNewUserAsync(Roles.Administrators);

        var confirmation = await OpenRevokeAsync(admin, "Owner=many@batch.test");
        Assert.Contains("1201 tokens match", confirmation.Text);
        var done = await admin.SubmitAsync(confirmation.Form("form.revoke-form"), new Dictionary<string, string> { ["Reason"] = "Offboarding" });

        Assert.Contains("1201 tokens revoked.", (await admin.GetAsync(done.Location!)).Text);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Tokens.CountAsync()));
        Assert.Equal(1_201, await _app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.TokenRevokedByAdministrator)));
        Assert.Equal(1_201, _heard.Changes.OfType<TokenStateChange.TokenDeleted>().Count(c => c.Reason == "Offboarding"));
    }

    [Fact]
    public async Task A_selection_of_no_tokens_says_so_and_revoking_it_revokes_nothing()
    {
        var (owner, _) = await _app.SignInMemberAsync();
        await owner.CreateTokenAsync("untouched");
        var (admin, _) = await _app.SignInNewUserAsync(Roles.Administrators);

        var empty = await admin.GetAsync("/admin/tokens/revoke?Owner=nobody-matches");
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Contains("nothing to revoke", empty.Text);
        Assert.Null(empty.Document.QuerySelector("form.revoke-form"));

        // A confirmation opened while tokens matched, posted after they are gone: the same clear answer.
        var form = (await OpenRevokeAsync(admin, "Owner=nobody-matches", "Owner=example.com")).Form("form.revoke-form");
        var done = await admin.SubmitAsync(form, new Dictionary<string, string> { ["Reason"] = "Tidy up" });

        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.Contains("No tokens matched the filters, so none were revoked.", (await admin.GetAsync(done.Location!)).Text);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Tokens.CountAsync()));
    }

    [Theory]
    [InlineData("", "Enter a reason")]
    [InlineData("   ", "Enter a reason")]
    [InlineData("line\nbreak", "control characters")]
    public async Task A_missing_or_bad_reason_redisplays_the_confirmation_with_400_and_revokes_nothing(string reason, string message)
    {
        await TooLongOrBadReasonAsync(reason, message);
    }

    [Fact]
    public Task A_reason_longer_than_150_characters_is_refused() => TooLongOrBadReasonAsync(new string('r', 151), "150 characters or fewer");

    [Fact]
    public async Task A_bad_filter_on_the_confirmation_is_a_400()
    {
        var (owner, _) = await _app.SignInMemberAsync();
        await owner.CreateTokenAsync("filtered badly");
        var (admin, _) = await _app.SignInNewUserAsync(Roles.Administrators);

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/admin/tokens/revoke?IdleDays=0")).Status);
        var form = (await OpenRevokeAsync(admin, "IdleDays=0", "")).Form("form.revoke-form");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SubmitAsync(form, new Dictionary<string, string> { ["Reason"] = "x" })).Status);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Tokens.CountAsync()));
    }

    [Fact]
    public async Task Without_the_antiforgery_token_nothing_is_revoked()
    {
        var (owner, _) = await _app.SignInMemberAsync();
        await owner.CreateTokenAsync("forged at");
        var (admin, _) = await _app.SignInNewUserAsync(Roles.Administrators);

        var page = await admin.PostRawAsync("/admin/tokens/revoke", new Dictionary<string, string> { ["Reason"] = "forged" });

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Tokens.CountAsync()));
    }

    public void Dispose() => _app.Dispose();

    private async Task TooLongOrBadReasonAsync(string reason, string message)
    {
        var (owner, _) = await _app.SignInMemberAsync();
        await owner.CreateTokenAsync("needs a reason");
        var (admin, _) = await _app.SignInNewUserAsync(Roles.Administrators);

        var confirmation = await OpenRevokeAsync(admin, "");
        var page = await admin.SubmitAsync(confirmation.Form("form.revoke-form"), new Dictionary<string, string> { ["Reason"] = reason });

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(message, page.Document.QuerySelector("#Reason-error")!.TextContent);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Tokens.CountAsync()));
    }

    /// <summary>
    /// Follows the screen's "Revoke these tokens" link for <paramref name="query"/>; with <paramref name="opened"/>, the
    /// confirmation is opened for that selection and its form pointed at <paramref name="query"/>'s, as if the
    /// tokens had gone between the two.
    /// </summary>
    private static async Task<Page> OpenRevokeAsync(BrowserClient admin, string query, string? opened = null)
    {
        var screen = await admin.GetAsync($"/admin/tokens?{opened ?? query}");
        var confirmation = await admin.GetAsync(screen.Document.QuerySelector("a.revoke-link")!.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, confirmation.Status);
        if (opened is not null)
        {
            confirmation.Form("form.revoke-form").Action = $"/admin/tokens/revoke?{query}";
        }

        return confirmation;
    }

    private sealed class Recorder : ITokenStateSubscriber
    {
        public ConcurrentQueue<TokenStateChange> Changes { get; } = new();

        public void OnCommitted(TokenStateChange change) => Changes.Enqueue(change);
    }
}
