using System.Net;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Suspend and resume: refused at once on this instance, listed with a badge, the expiry running on.</summary>
public sealed class SuspensionTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Fact]
    public async Task A_suspended_token_is_refused_at_once_and_works_again_once_resumed()
    {
        var (owner, user) = await app.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync("suspect");
        using var api = app.CreateApiClient();
        await api.CallUntilCachedAsync(code);

        var suspended = await owner.SetSuspendedAsync(id);

        Assert.Equal(HttpStatusCode.Redirect, suspended.Status);
        var refused = await api.GetWithTokenAsync(ApiRequests.Me, code);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", refused.Headers.WwwAuthenticate.ToString());
        Assert.Contains(app.Logs.Lines, l => l.Contains(id.ToString(), StringComparison.Ordinal) && l.Contains("Suspended", StringComparison.Ordinal));
        var row = (await owner.GetAsync("/tokens")).Row(id)!;
        Assert.Equal("Suspended", row.QuerySelector(".token-suspended")?.TextContent);
        Assert.Contains("Resume", row.QuerySelector("form.suspend-form button")!.GetAttribute("aria-label"));

        await api.GetWithTokenAsync(ApiRequests.Me, code);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SetSuspendedAsync(id)).Status);

        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
        Assert.Null((await owner.GetAsync("/tokens")).Row(id)!.QuerySelector(".token-suspended"));
        var actions = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.TokenId == id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal([AuditActions.TokenCreated, AuditActions.TokenRevealed, AuditActions.TokenSuspended, AuditActions.TokenResumed], actions);
        Assert.All(await app.WithDbAsync(db => db.AuditEntries.Where(a => a.TokenId == id).Select(a => a.ActorId).ToListAsync()), a => Assert.Equal(user.Id, a));
    }

    [Fact]
    public async Task The_expiry_keeps_running_while_suspended_and_an_expired_token_can_be_neither_suspended_nor_resumed()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (suspendedId, suspendedCode) = await owner.CreateTokenWithCodeAsync("suspended then expired", timeoutDays: 2);
        var expiredId = await owner.CreateTokenAsync("expired", timeoutDays: 1);
        await owner.SetSuspendedAsync(suspendedId);
        var list = await owner.GetAsync("/tokens");
        app.Time.Advance(TimeSpan.FromDays(2));

        var resume = await owner.SubmitAsync(list.Form($"#token-{suspendedId} form.suspend-form"));
        var suspend = await owner.SubmitAsync(list.Form($"#token-{expiredId} form.suspend-form"));

        Assert.Equal(HttpStatusCode.Conflict, resume.Status);
        Assert.Contains("Expired tokens can't be suspended or resumed", resume.Text);
        Assert.Equal(HttpStatusCode.Conflict, suspend.Status);
        using var api = app.CreateApiClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetWithTokenAsync(ApiRequests.Me, suspendedCode)).StatusCode);
        var after = await owner.GetAsync("/tokens");
        Assert.Null(after.Row(expiredId)!.QuerySelector("form.suspend-form"));
        Assert.NotNull(after.Row(suspendedId)!.QuerySelector(".token-suspended"));
    }

    [Fact]
    public async Task Another_users_token_is_404_and_posts_need_a_member_and_antiforgery()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync("not theirs");
        var (stranger, _) = await app.SignInMemberAsync();
        var strangersOwn = await stranger.CreateTokenAsync("theirs");
        var strangersForm = (await stranger.GetAsync("/tokens")).Form($"#token-{strangersOwn} form.suspend-form");
        strangersForm.SetAttribute("action", $"/tokens/{id}/suspend");
        using var anonymous = app.CreateBrowser();
        var (outsider, _) = await app.SignInNewUserAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.SubmitAsync(strangersForm)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.PostRawAsync($"/tokens/{id}/suspend")).Status);
        var anonymousPost = await anonymous.PostRawAsync($"/tokens/{id}/suspend");
        Assert.Equal(HttpStatusCode.Redirect, anonymousPost.Status);
        Assert.Contains("/Identity/Account/Login", anonymousPost.Location);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostRawAsync($"/tokens/{id}/suspend")).Status);
        using var api = app.CreateApiClient();
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
    }

    [Fact]
    public async Task An_administrator_suspends_and_resumes_a_users_token_from_their_page()
    {
        var (owner, user) = await app.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync("leaked?");
        var (admin, adminUser) = await app.SignInNewUserAsync(Roles.Administrators);
        var (member, _) = await app.SignInMemberAsync();
        using var api = app.CreateApiClient();
        await api.CallUntilCachedAsync(code);

        var details = await admin.DetailsAsync(user.Id);
        var suspended = await admin.SubmitAsync(details.Form($"#token-{id} form.suspend-form"));

        Assert.Equal(HttpStatusCode.Redirect, suspended.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
        var after = await admin.DetailsAsync(user.Id);
        Assert.Equal("Suspended", after.Document.QuerySelector($"#token-{id} .token-suspended")?.TextContent);
        Assert.Contains(after.Document.QuerySelectorAll("tr[data-action]"), r => r.GetAttribute("data-action") == AuditActions.TokenSuspended);
        Assert.Equal(adminUser.Id, await app.WithDbAsync(db => db.AuditEntries.Where(a => a.TokenId == id && a.Action == AuditActions.TokenSuspended).Select(a => a.ActorId).SingleAsync()));

        // A member who is no administrator cannot post to the administrators' route.
        var membersForm = (await member.GetAsync("/tokens")).Form("form");
        membersForm.SetAttribute("action", $"/admin/users/{user.Id}/tokens/{id}/resume");
        Assert.Equal(HttpStatusCode.Forbidden, (await member.SubmitAsync(membersForm)).Status);
        var wrongOwner = after.Form($"#token-{id} form.suspend-form");
        wrongOwner.SetAttribute("action", $"/admin/users/{adminUser.Id}/tokens/{id}/resume");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.SubmitAsync(wrongOwner)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync((await admin.DetailsAsync(user.Id)).Form($"#token-{id} form.suspend-form"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
    }
}
