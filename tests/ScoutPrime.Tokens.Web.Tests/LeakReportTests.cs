using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;
using ScoutPrime.Tokens.Web.TokenState;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary><c>POST /api/v1/credentials/revoke</c>: valid, invalid, mixed and oversized reports.</summary>
public sealed class LeakReportTests : IDisposable
{
    private readonly Heard _heard = new();
    private readonly TokensAppFactory _app;

    public LeakReportTests() => _app = TokensAppFactory.Dedicated().WithServices(s => s.AddSingleton<ITokenStateSubscriber>(_heard));

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_reported_code_is_refused_at_once_audited_with_its_source_and_announced_for_the_owner()
    {
        var (owner, user) = await _app.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync("deploy bot");
        var (keptId, kept) = await owner.CreateTokenWithCodeAsync("kept");
        using var api = _app.CreateApiClient();
        await api.CallUntilCachedAsync(code);
        api.DefaultRequestHeaders.UserAgent.ParseAdd("SecretScanner/2.1");

        using var report = await api.ReportLeakedAsync([code], source: "github.com/acme/app");

        Assert.Equal(HttpStatusCode.Accepted, report.StatusCode);
        Assert.Empty(await report.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, kept)).StatusCode);
        var audit = await _app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.TokenId == id && a.Action == AuditActions.TokenRevokedByLeakReport));
        Assert.Equal(user.Id, audit.SubjectUserId);
        Assert.Equal("deploy bot (reported by github.com/acme/app, User-Agent SecretScanner/2.1)", audit.Detail);
        var change = Assert.Single(_heard.Changes.OfType<TokenRevokedByLeakReport>());
        Assert.Equal(new TokenRevokedByLeakReport(user.Id, id, "deploy bot", "github.com/acme/app, User-Agent SecretScanner/2.1"), change);
        Assert.NotEqual(keptId, change.TokenId);
        Assert.DoesNotContain(_app.Logs.Lines, l => l.Contains(code, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_mixed_report_revokes_only_the_valid_codes_and_answers_the_same_202()
    {
        var (owner, _) = await _app.SignInMemberAsync();
        var (_, first) = await owner.CreateTokenWithCodeAsync("first");
        var (_, second) = await owner.CreateTokenWithCodeAsync("second");
        using var api = _app.CreateApiClient();

        var unknown = TokenCode.Generate();
        var mistyped = first[..^1] + (first[^1] == 'a' ? 'b' : 'a');
        using var report = await api.ReportLeakedAsync([first, first, unknown, mistyped, "not a code", ""]);
        using var onlyUnknown = await api.ReportLeakedAsync([unknown]);
        using var alreadyRevoked = await api.ReportLeakedAsync([first]);

        Assert.All(new[] { report, onlyUnknown, alreadyRevoked }, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Equal(await report.Content.ReadAsStringAsync(), await onlyUnknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetWithTokenAsync(ApiRequests.Me, first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, second)).StatusCode);
        Assert.Single(_heard.Changes.OfType<TokenRevokedByLeakReport>());
    }

    [Fact]
    public async Task Malformed_codes_are_dropped_without_a_lookup()
    {
        using var api = _app.CreateApiClient();
        await api.GetAsync(ApiRequests.Ping);
        var before = _app.Commands.Count;

        using var report = await api.ReportLeakedAsync(["scp_short", "ghp_" + new string('a', 36), TokenCode.Generate()[..^1] + "!"]);

        Assert.Equal(HttpStatusCode.Accepted, report.StatusCode);
        Assert.Equal(before, _app.Commands.Count);
    }

    public static TheoryData<string, string, string, HttpStatusCode> BadBodies => new()
    {
        { "wrong content type", "text/plain", """{"credentials":[]}""", HttpStatusCode.UnsupportedMediaType },
        { "form post", "application/x-www-form-urlencoded", "credentials=scp_", HttpStatusCode.UnsupportedMediaType },
        { "not JSON", "application/json", "{credentials:", HttpStatusCode.BadRequest },
        { "an array, not an object", "application/json", "[]", HttpStatusCode.BadRequest },
        { "no credentials", "application/json", """{"source":"x"}""", HttpStatusCode.BadRequest },
        { "credentials not an array", "application/json", """{"credentials":"scp_x"}""", HttpStatusCode.BadRequest },
        { "a number among the codes", "application/json", """{"credentials":["scp_x",42]}""", HttpStatusCode.BadRequest },
        { "an object among the codes", "application/json", """{"credentials":[{"code":"scp_x"}]}""", HttpStatusCode.BadRequest },
        { "source not a string", "application/json", """{"credentials":[],"source":7}""", HttpStatusCode.BadRequest },
        { "1,001 codes", "application/json", Codes(1_001), HttpStatusCode.BadRequest },
        { "deeply nested", "application/json", """{"credentials":[],"x":""" + new string('[', 100) + new string(']', 100) + "}", HttpStatusCode.BadRequest },
        { "10 MB", "application/json", "{\"credentials\":[\"" + new string('a', 10 * 1024 * 1024) + "\"]}", HttpStatusCode.RequestEntityTooLarge },
        { "1,000 codes", "application/json", Codes(1_000), HttpStatusCode.Accepted },
        { "no codes", "application/json", """{"credentials":[]}""", HttpStatusCode.Accepted },
        { "charset given", "application/json; charset=utf-8", """{"credentials":[],"source":null}""", HttpStatusCode.Accepted },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_gets_a_clear_4xx_never_a_500(string name, string contentType, string body, HttpStatusCode expected)
    {
        using var api = _app.CreateApiClient();
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        using var response = await api.PostAsync(LeakReportRequests.Revoke, content);

        Assert.True(expected == response.StatusCode, $"{name}: {response.StatusCode}");
        if (expected != HttpStatusCode.Accepted)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Reports_are_limited_per_client_address_with_429_and_Retry_After()
    {
        using var limited = TokensAppFactory.Dedicated().With("LeakReports:ReportsPerMinute", "2");
        using var api = limited.CreateApiClient();
        using var other = limited.CreateApiClient();

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await api.ReportLeakedAsync([TokenCode.Generate()])).StatusCode);
        }

        using var refused = await api.ReportLeakedAsync([TokenCode.Generate()]);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.Accepted, (await other.ReportLeakedAsync([TokenCode.Generate()])).StatusCode);
    }

    private static string Codes(int count) =>
        JsonContent.Create(new { credentials = Enumerable.Range(0, count).Select(_ => TokenCode.Generate()) }).ReadAsStringAsync().Result;

    private sealed class Heard : ITokenStateSubscriber
    {
        public ConcurrentQueue<TokenStateChange> Changes { get; } = new();

        public void OnCommitted(TokenStateChange change) => Changes.Enqueue(change);
    }
}
