using System.Net;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Rotation from the API Tokens screen: the old code keeps working for the chosen overlap, then gets the uniform 401.</summary>
public sealed class RotationScreenTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Theory]
    [InlineData("PT1H", 1)]
    [InlineData("PT24H", 24)]
    [InlineData("P7D", 168)]
    public async Task Old_code_works_until_the_chosen_overlap_ends_then_is_refused(string overlap, int hours)
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (oldId, oldCode) = await owner.CreateTokenWithCodeAsync("nightly sync", timeoutDays: 30);
        using var api = app.CreateApiClient();
        await api.CallUntilCachedAsync(oldCode);
        var rotatedAt = app.Time.GetUtcNow();

        var (newId, newCode, list) = await owner.RotateToSuccessorAsync(oldId, overlap);

        Assert.NotEqual(oldId, newId);
        Assert.NotEqual(oldCode, newCode);
        var oldRow = list.Row(oldId)!;
        Assert.Contains("token-replaced", oldRow.ClassName);
        Assert.Contains($"Replaced — works until {rotatedAt.AddHours(hours):yyyy-MM-dd HH:mm} UTC", oldRow.TextContent);
        Assert.Equal($"#token-{newId}", oldRow.QuerySelector(".token-replaced-note a")!.GetAttribute("href"));
        Assert.Null(oldRow.QuerySelector(".token-rotate"));
        var newRow = list.Row(newId)!;
        Assert.Equal("nightly sync", newRow.QuerySelector(".token-description")!.TextContent);
        var successor = await app.WithDbAsync(db => db.Set<ApiToken>().AsNoTracking().SingleAsync(t => t.Id == newId));
        Assert.Equal(rotatedAt.AddDays(30), successor.ExpiresAt);
        Assert.Equal(oldId, successor.ReplacesId);

        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, newCode)).StatusCode);
        app.Time.Advance(TimeSpan.FromHours(hours) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, oldCode)).StatusCode);
        app.Time.Advance(TimeSpan.FromSeconds(1));
        var refused = await api.GetWithTokenAsync(ApiRequests.Me, oldCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", refused.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, newCode)).StatusCode);
        Assert.Contains(app.Logs.Lines, l => l.Contains(oldId.ToString(), StringComparison.Ordinal) && l.Contains("Replaced", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(oldCode, StringComparison.Ordinal) || l.Contains(newCode, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stop_now_refuses_the_old_code_at_once_even_from_the_cache()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (oldId, oldCode) = await owner.CreateTokenWithCodeAsync("stop now");
        using var api = app.CreateApiClient();
        await api.CallUntilCachedAsync(oldCode);

        var (_, newCode, list) = await owner.RotateToSuccessorAsync(oldId, "PT0S");

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetWithTokenAsync(ApiRequests.Me, oldCode)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, newCode)).StatusCode);
        Assert.Contains("Replaced — stopped working", list.Row(oldId)!.TextContent);
    }

    [Fact]
    public async Task Until_first_use_ends_the_old_code_at_the_new_codes_first_call()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (oldId, oldCode) = await owner.CreateTokenWithCodeAsync("first use");
        using var api = app.CreateApiClient();
        await api.CallUntilCachedAsync(oldCode);

        var (newId, newCode, list) = await owner.RotateToSuccessorAsync(oldId, "untilFirstUse");

        Assert.Contains("Replaced — works until the new code is first used", list.Row(oldId)!.TextContent);
        Assert.NotNull(list.Row(newId)!.QuerySelector("form.reveal-form button[autofocus]"));
        app.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, oldCode)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, newCode)).StatusCode);

        // The predecessor's cut-off is written with the successor's Last used stamp, a moment after the call.
        Assert.Equal(HttpStatusCode.Unauthorized, await api.StatusWithinAsync(oldCode, HttpStatusCode.Unauthorized, 5));
        var old = await app.WithDbAsync(db => db.Set<ApiToken>().AsNoTracking().SingleAsync(t => t.Id == oldId));
        Assert.Equal(app.Time.GetUtcNow(), old.ReplacedUntil);
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, newCode)).StatusCode);
    }

    [Fact]
    public async Task Until_first_use_is_capped_at_24_hours_when_the_new_code_is_never_used()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (oldId, oldCode) = await owner.CreateTokenWithCodeAsync("never switched");
        using var api = app.CreateApiClient();
        await owner.RotateToSuccessorAsync(oldId, "untilFirstUse");

        app.Time.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, oldCode)).StatusCode);
        app.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetWithTokenAsync(ApiRequests.Me, oldCode)).StatusCode);
    }

    [Fact]
    public async Task Rotation_is_audited_for_both_tokens()
    {
        var (owner, user) = await app.SignInMemberAsync();
        var oldId = await owner.CreateTokenAsync("audited");

        var (newId, _, _) = await owner.RotateToSuccessorAsync(oldId, "PT1H");

        var entries = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.SubjectUserId == user.Id).ToListAsync());
        Assert.Contains(entries, a => a.Action == AuditActions.TokenRotated && a.TokenId == oldId && a.ActorId == user.Id && a.Detail!.Contains(newId.ToString(), StringComparison.Ordinal));
        Assert.Contains(entries, a => a.Action == AuditActions.TokenCreated && a.TokenId == newId && a.Detail == $"Rotated from {oldId}");
    }

    [Fact]
    public async Task Expired_or_already_rotated_tokens_cannot_be_rotated()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var expiring = await owner.CreateTokenAsync("short", timeoutDays: 1);
        var rotated = await owner.CreateTokenAsync("rotated once", timeoutDays: 30);
        var confirm = await owner.GetAsync($"/tokens/{expiring}/rotate");
        await owner.RotateToSuccessorAsync(rotated, "PT1H");
        app.Time.Advance(TimeSpan.FromDays(1));
        await owner.ConfirmIdentityAsync(TokensAppFactory.Password); // a day after signing in, Rotate asks first

        var expiredPage = await owner.GetAsync($"/tokens/{expiring}/rotate");
        var expiredPost = await owner.SubmitAsync(confirm.Form(), new Dictionary<string, string> { ["overlap"] = "PT1H" });
        var again = await owner.GetAsync($"/tokens/{rotated}/rotate");

        Assert.Equal(HttpStatusCode.Conflict, expiredPage.Status);
        Assert.Contains("Expired tokens can't be rotated", expiredPage.Text);
        Assert.Equal(HttpStatusCode.Conflict, expiredPost.Status);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains("already been rotated", again.Text);
        Assert.Equal(3, (await owner.GetAsync("/tokens")).Document.QuerySelectorAll("tbody tr").Length);
    }

    [Fact]
    public async Task A_suspended_token_cannot_be_rotated_into_a_working_successor()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync("paused");
        var confirm = await owner.GetAsync($"/tokens/{id}/rotate");
        await owner.SetSuspendedAsync(id);

        var page = await owner.GetAsync($"/tokens/{id}/rotate");
        var post = await owner.SubmitAsync(confirm.Form(), new Dictionary<string, string> { ["overlap"] = "PT1H" });

        Assert.Equal(HttpStatusCode.Conflict, page.Status);
        Assert.Contains("Suspended tokens can't be rotated", page.Text);
        Assert.Equal(HttpStatusCode.Conflict, post.Status);
        Assert.Contains("Suspended tokens can't be rotated", post.Text);
        var list = await owner.GetAsync("/tokens");
        Assert.Single(list.Document.QuerySelectorAll("tbody tr"));
        Assert.Null(list.Row(id)!.QuerySelector(".token-rotate"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateApiClient().GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
    }

    [Fact]
    public async Task Rotation_is_refused_at_the_administrators_per_user_cap()
    {
        using var dedicated = TokensAppFactory.Dedicated();
        var (admin, _) = await dedicated.SignInNewUserAsync(Identity.Roles.Administrators);
        var (owner, _) = await dedicated.SignInMemberAsync();
        var id = await owner.CreateTokenAsync("first");
        await owner.CreateTokenAsync("second");

        await admin.SavePoliciesAsync(maxPerUser: 2);
        var refused = await owner.RotateAsync(id, "PT1H");

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("as many tokens as one person may have", refused.Text);
        Assert.Equal(2, (await owner.GetAsync("/tokens")).Document.QuerySelectorAll("tbody tr").Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("PT2H")]
    [InlineData("P1Y")]
    [InlineData("-PT1H")]
    [InlineData("until first use")]
    public async Task An_overlap_outside_the_choices_is_a_400_and_changes_nothing(string overlap)
    {
        var (owner, _) = await app.SignInMemberAsync();
        var id = await owner.CreateTokenAsync("bad overlap");

        var result = await owner.RotateAsync(id, overlap);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains("Choose how long the old code keeps working.", result.Text);
        Assert.Single((await owner.GetAsync("/tokens")).Document.QuerySelectorAll("tbody tr"));
    }

    [Fact]
    public async Task Another_users_token_or_a_deleted_one_is_404()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var id = await owner.CreateTokenAsync("mine");
        var confirm = await owner.GetAsync($"/tokens/{id}/rotate");
        var (stranger, _) = await app.SignInMemberAsync();

        var strangersOwn = await stranger.CreateTokenAsync("theirs");
        var strangersForm = (await stranger.GetAsync($"/tokens/{strangersOwn}/rotate")).Form();
        strangersForm.SetAttribute("action", $"/tokens/{id}/rotate");

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/tokens/{id}/rotate")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.SubmitAsync(strangersForm, new Dictionary<string, string> { ["overlap"] = "PT1H" })).Status);
        Assert.Single((await owner.GetAsync("/tokens")).Document.QuerySelectorAll("tbody tr"));
        await owner.DeleteTokenAsync(id);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.SubmitAsync(confirm.Form(), new Dictionary<string, string> { ["overlap"] = "PT1H" })).Status);
    }

    [Fact]
    public async Task Rotate_requires_a_signed_in_member_and_antiforgery()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var id = await owner.CreateTokenAsync("guarded");
        using var anonymous = app.CreateBrowser();
        var (outsider, _) = await app.SignInNewUserAsync();

        var anonymousPage = await anonymous.GetAsync($"/tokens/{id}/rotate");
        Assert.Equal(HttpStatusCode.Redirect, anonymousPage.Status);
        Assert.Contains("/Identity/Account/Login", anonymousPage.Location);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/tokens/{id}/rotate")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.PostRawAsync($"/tokens/{id}/rotate", new Dictionary<string, string> { ["overlap"] = "PT1H" })).Status);
        Assert.Single((await owner.GetAsync("/tokens")).Document.QuerySelectorAll("tbody tr"));
    }
}
