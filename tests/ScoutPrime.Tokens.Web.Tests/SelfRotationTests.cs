using System.Net;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary><c>POST /api/v1/tokens/self/rotate</c>: a script replaces its own token without a failed call.</summary>
public sealed class SelfRotationTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Fact]
    public async Task Self_rotation_answers_201_with_the_new_code_once_and_the_old_code_keeps_its_overlap()
    {
        var (owner, user) = await app.SignInMemberAsync();
        var (oldId, oldCode) = await owner.CreateTokenWithCodeAsync("deploy bot", timeoutDays: 20);
        using var api = app.CreateApiClient();

        var response = await api.SelfRotateAsync(oldCode, """{"overlap":"PT1H"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await response.JsonAsync();
        var newId = body.GetProperty("id").GetGuid();
        var newCode = body.GetProperty("code").GetString()!;
        Assert.Equal($"/api/v1/tokens/{newId}", response.Headers.Location?.OriginalString);
        Assert.Equal("deploy bot", body.GetProperty("description").GetString());
        Assert.Equal(app.Time.GetUtcNow().AddDays(20), body.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal(app.Time.GetUtcNow().AddHours(1), body.GetProperty("oldCodeWorksUntil").GetDateTimeOffset());
        Assert.False(body.GetProperty("oldCodeStopsAtFirstUse").GetBoolean());
        Assert.Equal(newCode, await owner.RevealJsonAsync(newId));
        Assert.Equal(newId, (await (await api.GetWithTokenAsync(ApiRequests.Me, newCode)).JsonAsync()).GetProperty("token").GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, oldCode)).StatusCode);
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(newCode, StringComparison.Ordinal));

        // Replaced: the old code may still call, but not rotate again.
        var again = await api.SelfRotateAsync(oldCode, """{"overlap":"PT1H"}""");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        app.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetWithTokenAsync(ApiRequests.Me, oldCode)).StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<ApiToken>().CountAsync(t => t.OwnerId == user.Id)));
        Assert.Equal(oldId, await app.WithDbAsync(db => db.Set<ApiToken>().Where(t => t.Id == newId).Select(t => t.ReplacesId).SingleAsync()));
    }

    [Fact]
    public async Task The_successor_lives_no_longer_than_the_administrators_current_maximum()
    {
        using var dedicated = TokensAppFactory.Dedicated();
        var (owner, _) = await dedicated.SignInMemberAsync();
        var (_, code) = await owner.CreateTokenWithCodeAsync("long lived", timeoutDays: 60);
        dedicated.Time.Advance(TimeSpan.FromDays(40));
        // With 20 days left the token is inside the new maximum, so lowering it leaves the token (and its 60 days) as is.
        var (admin, _) = await dedicated.SignInNewUserAsync(Identity.Roles.Administrators);
        await admin.SavePoliciesAsync(maxTimeoutDays: 30);
        using var api = dedicated.CreateApiClient();

        var response = await api.SelfRotateAsync(code, """{"overlap":"PT1H"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(dedicated.Time.GetUtcNow().AddDays(30), body.GetProperty("expiresAt").GetDateTimeOffset());
        var newId = body.GetProperty("id").GetGuid();
        Assert.Equal(30, await dedicated.WithDbAsync(db => db.Set<ApiToken>().Where(t => t.Id == newId).Select(t => t.TimeoutDays).SingleAsync()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"overlap":"untilFirstUse"}""")]
    public async Task No_body_or_no_overlap_means_until_first_use(string? json)
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (_, oldCode) = await owner.CreateTokenWithCodeAsync("default overlap");
        using var api = app.CreateApiClient();

        var response = await api.SelfRotateAsync(oldCode, json);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.True(body.GetProperty("oldCodeStopsAtFirstUse").GetBoolean());
        Assert.Equal(app.Time.GetUtcNow().AddHours(24), body.GetProperty("oldCodeWorksUntil").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("""{"overlap":"PT2H"}""", "overlap")]
    [InlineData("""{"overlap":"P1Y"}""", "overlap")]
    [InlineData("""{"overlap":"-PT1H"}""", "overlap")]
    [InlineData("""{"overlap":"1 hour"}""", "overlap")]
    [InlineData("""{"overlap":3600}""", "overlap")]
    [InlineData("""{"overlap":""}""", "overlap")]
    [InlineData("""{"overlap":"untilfirstuse"}""", "overlap")]
    [InlineData("""["PT1H"]""", "body")]
    [InlineData("""{"overlap":""", "body")]
    [InlineData("not json", "body")]
    public async Task A_bad_overlap_is_a_400_problem_naming_it_and_rotates_nothing(string json, string field)
    {
        var (owner, user) = await app.SignInMemberAsync();
        var (_, code) = await owner.CreateTokenWithCodeAsync("bad input");
        using var api = app.CreateApiClient();

        var response = await api.SelfRotateAsync(code, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<ApiToken>().CountAsync(t => t.OwnerId == user.Id)));
    }

    [Fact]
    public async Task A_huge_body_or_a_bad_idempotency_key_is_a_400()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (_, code) = await owner.CreateTokenWithCodeAsync("limits");
        using var api = app.CreateApiClient();

        Assert.Equal(HttpStatusCode.BadRequest, (await api.SelfRotateAsync(code, "{\"overlap\":\"" + new string('P', 100_000) + "\"}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.SelfRotateAsync(code, null, new string('k', 101))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.SelfRotateAsync(code, null, "with space")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_within_10_minutes_returns_the_same_token()
    {
        var (owner, user) = await app.SignInMemberAsync();
        var (_, oldCode) = await owner.CreateTokenWithCodeAsync("retrying bot");
        using var api = app.CreateApiClient();

        var first = await (await api.SelfRotateAsync(oldCode, """{"overlap":"PT24H"}""", "key-1")).JsonAsync();
        app.Time.Advance(TimeSpan.FromMinutes(9));
        var retry = await api.SelfRotateAsync(oldCode, """{"overlap":"PT24H"}""", "key-1");
        var otherKey = await api.SelfRotateAsync(oldCode, """{"overlap":"PT24H"}""", "key-2");
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var late = await api.SelfRotateAsync(oldCode, """{"overlap":"PT24H"}""", "key-1");

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var again = await retry.JsonAsync();
        Assert.Equal(first.GetProperty("id").GetGuid(), again.GetProperty("id").GetGuid());
        Assert.Equal(first.GetProperty("code").GetString(), again.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, otherKey.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<ApiToken>().CountAsync(t => t.OwnerId == user.Id)));
    }

    [Fact]
    public async Task The_code_in_each_answer_is_a_reveal_so_shown_once_refuses_Show_afterwards()
    {
        using var dedicated = TokensAppFactory.Dedicated().With("Tokens:RevealPolicy", "Once");
        var (owner, user) = await dedicated.SignInMemberAsync();
        var (_, oldCode) = await owner.CreateTokenWithCodeAsync("bot under once");
        using var api = dedicated.CreateApiClient();

        var first = await (await api.SelfRotateAsync(oldCode, """{"overlap":"PT1H"}""", "retry-me")).JsonAsync();
        var retry = await api.SelfRotateAsync(oldCode, """{"overlap":"PT1H"}""", "retry-me");

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var newId = first.GetProperty("id").GetGuid();
        var show = await owner.ShowAsync(newId);
        Assert.Equal(HttpStatusCode.Conflict, show.Status);
        Assert.DoesNotContain("scp_", show.Html);
        var reveals = await dedicated.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.TokenId == newId && a.Action == AuditActions.TokenRevealed).ToListAsync());
        Assert.Equal(2, reveals.Count);
        Assert.All(reveals, a => Assert.Equal((user.Id, user.Id), (a.ActorId, a.SubjectUserId)));
        Assert.All(reveals, a => Assert.StartsWith("by self-rotation from ", a.Detail, StringComparison.Ordinal));
        Assert.Equal(dedicated.Time.GetUtcNow(), await dedicated.WithDbAsync(db => db.Set<ApiToken>().Where(t => t.Id == newId).Select(t => t.FirstRevealedAt).SingleAsync()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("same-key")]
    public async Task Two_rotations_racing_make_one_successor(string? key)
    {
        var (owner, user) = await app.SignInMemberAsync();
        var (_, code) = await owner.CreateTokenWithCodeAsync("racing");
        using var api = app.CreateApiClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => api.SelfRotateAsync(code, """{"overlap":"PT1H"}""", key)));

        Assert.Equal(2, await app.WithDbAsync(db => db.Set<ApiToken>().CountAsync(t => t.OwnerId == user.Id)));
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var created = answers.Where(a => a.StatusCode == HttpStatusCode.Created).ToList();
        if (key is null)
        {
            Assert.Single(created);
        }
        else
        {
            Assert.Equal(4, created.Count);
            var ids = await Task.WhenAll(created.Select(async a => (await a.JsonAsync()).GetProperty("id").GetGuid()));
            Assert.Single(ids.Distinct());
        }
    }

    [Fact]
    public async Task An_expired_suspended_or_unknown_token_cannot_rotate()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (_, expiring) = await owner.CreateTokenWithCodeAsync("expiring", timeoutDays: 1);
        var (suspendedId, suspended) = await owner.CreateTokenWithCodeAsync("suspended");
        await owner.SetSuspendedAsync(suspendedId);
        using var api = app.CreateApiClient();
        app.Time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SelfRotateAsync(expiring)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SelfRotateAsync(suspended)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SelfRotateAsync("scp_" + new string('A', 36))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync(LifecycleScreens.SelfRotate, null)).StatusCode);
    }
}
