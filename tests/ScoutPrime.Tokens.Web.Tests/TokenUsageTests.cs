using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Usage;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Where a token was used from: the last ten client addresses behind the known proxy, counted and pruned.</summary>
public sealed class TokenUsageTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    // Loopback is the tests' known proxy: its X-Forwarded-For names the client.
    private const string Proxy = "127.0.0.1";

    [Fact]
    public async Task Calls_from_forwarded_addresses_appear_with_counts_and_user_agents_on_the_page_and_the_api()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync("spread");
        using var api = app.CreateApiClient(Proxy);

        Assert.Equal(HttpStatusCode.OK, await CallAsync(api, code, "198.51.100.1", "script/1.0"));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(api, code, "198.51.100.2", "curl/8.0"));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(api, code, "2001:db8::7", new string('x', 400)));
        await WaitForRowsAsync(id, 3);
        // Counted in memory meanwhile, written with the next stamp ten minutes on.
        for (var i = 0; i < 4; i++)
        {
            await CallAsync(api, code, "198.51.100.1", "script/1.1");
        }

        app.Time.Advance(TimeSpan.FromMinutes(10));
        await CallAsync(api, code, "198.51.100.1", "script/1.2");
        await WaitForAsync(async () => (await RowsAsync(id)).Single(r => r.Address == "198.51.100.1").Calls == 6);

        var rows = await RowsAsync(id);
        var first = rows.Single(r => r.Address == "198.51.100.1");
        Assert.Equal("script/1.2", first.UserAgent);
        Assert.Equal(app.Time.GetUtcNow(), first.LastSeen);
        Assert.Equal(app.Time.GetUtcNow().AddMinutes(-10), first.FirstSeen);
        Assert.Equal(1, rows.Single(r => r.Address == "198.51.100.2").Calls);
        Assert.Equal(TokenUsage.UserAgentMaxLength, rows.Single(r => r.Address == "2001:db8::7").UserAgent!.Length);

        var page = await owner.GetAsync($"/tokens/{id}/details");
        var cells = page.Document.QuerySelectorAll("table.token-addresses tbody tr").Select(r => r.QuerySelector("td")!.TextContent).ToList();
        Assert.Equal("198.51.100.1", cells[0]);
        Assert.Equal(3, cells.Count);
        Assert.Contains("script/1.2", page.Text);

        var json = await (await api.GetWithTokenAsync($"{ApiRequests.Tokens}/{id}", code)).JsonAsync();
        var addresses = json.GetProperty("addresses").EnumerateArray().ToList();
        Assert.Equal(3, addresses.Count);
        Assert.Equal("198.51.100.1", addresses[0].GetProperty("address").GetString());
        Assert.Equal(6, addresses[0].GetProperty("calls").GetInt64());
        Assert.Equal("script/1.2", addresses[0].GetProperty("userAgent").GetString());
        Assert.True(addresses[0].TryGetProperty("firstSeen", out _) && addresses[0].TryGetProperty("lastSeen", out _));
        Assert.DoesNotContain(code, json.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_is_written_at_most_once_per_ten_minutes()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync("steady");
        using var api = app.CreateApiClient(Proxy);
        var firstCall = app.Time.GetUtcNow();
        await CallAsync(api, code, "198.51.100.20", "a");
        await WaitForRowsAsync(id, 1);

        app.Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        await CallAsync(api, code, "198.51.100.20", "b");
        // A new address is written at once: once it is in, the call before it would have been too.
        await CallAsync(api, code, "198.51.100.21", "c");
        await WaitForRowsAsync(id, 2);
        var row = (await RowsAsync(id)).Single(r => r.Address == "198.51.100.20");
        Assert.Equal((firstCall, 1L, "a"), (row.LastSeen, row.Calls, row.UserAgent));

        app.Time.Advance(TimeSpan.FromSeconds(1));
        await CallAsync(api, code, "198.51.100.20", "d");
        await WaitForAsync(async () => (await RowsAsync(id)).Single(r => r.Address == "198.51.100.20").Calls == 3);
        row = (await RowsAsync(id)).Single(r => r.Address == "198.51.100.20");
        Assert.Equal((app.Time.GetUtcNow(), "d"), (row.LastSeen, row.UserAgent));
    }

    [Fact]
    public async Task An_eleventh_address_drops_the_least_recently_seen()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync("roaming");
        using var api = app.CreateApiClient(Proxy);
        for (var i = 1; i <= 11; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await CallAsync(api, code, $"198.51.100.{100 + i}", "roamer"));
            await WaitForAsync(async () => (await RowsAsync(id)).Any(r => r.Address == $"198.51.100.{100 + i}"));
            app.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var addresses = (await RowsAsync(id)).Select(r => r.Address).ToList();
        Assert.Equal(TokenUsage.MaxAddresses, addresses.Count);
        Assert.DoesNotContain("198.51.100.101", addresses);
        Assert.Contains("198.51.100.102", addresses);
    }

    [Fact]
    public async Task Ten_thousand_addresses_keep_ten_rows_and_a_bounded_table()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync("swarm");
        using var api = app.CreateApiClient(Proxy);
        var tracker = app.Services.GetRequiredService<UsageTracker>();
        for (var batch = 0; batch < 200; batch++)
        {
            var calls = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
                CallAsync(api, code, $"2001:db8:{batch:x}::{i + 1:x}", "swarm")));
            Assert.All(calls, c => Assert.Equal(HttpStatusCode.OK, c));
            Assert.InRange(tracker.Count, 0, UsageTracker.Capacity);
        }

        // The last address's row is in once the writer has taken everything queued before it; a second later than
        // the swarm (all seen at one instant), it is the newest and must be kept.
        app.Time.Advance(TimeSpan.FromSeconds(1));
        await CallAsync(api, code, "198.51.100.250", "last");
        await WaitForAsync(async () => (await RowsAsync(id)).Any(r => r.Address == "198.51.100.250"));
        Assert.Equal(TokenUsage.MaxAddresses, (await RowsAsync(id)).Count);
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("could not be recorded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rows_unseen_for_ninety_days_are_pruned()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync("old", timeoutDays: 365);
        using var api = app.CreateApiClient(Proxy);
        await CallAsync(api, code, "198.51.100.60", "old");
        await WaitForRowsAsync(id, 1);

        app.Time.Advance(TokenUsage.Retention + TimeSpan.FromMinutes(1));
        Assert.Empty(json(await (await api.GetWithTokenAsync($"{ApiRequests.Tokens}/{id}", code)).JsonAsync()));
        await WaitForAsync(async () => (await RowsAsync(id)).Any(r => r.Address == Proxy));
        Assert.DoesNotContain(await RowsAsync(id), r => r.Address == "198.51.100.60");

        static List<JsonElement> json(JsonElement body) =>
            body.GetProperty("addresses").EnumerateArray().Where(a => a.GetProperty("address").GetString() == "198.51.100.60").ToList();
    }

    [Fact]
    public async Task Addresses_are_the_owners_and_administrators_only()
    {
        var (owner, user) = await app.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync("watched");
        using var api = app.CreateApiClient(Proxy);
        await CallAsync(api, code, "198.51.100.77", "watched");
        await WaitForRowsAsync(id, 1);
        var (stranger, _) = await app.SignInMemberAsync();
        var (_, strangersCode) = await stranger.CreateTokenWithCodeAsync("theirs");
        var (admin, _) = await app.SignInNewUserAsync(Roles.Administrators);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/tokens/{id}/details")).Status);
        var strangersCall = await api.GetWithTokenAsync($"{ApiRequests.Tokens}/{id}", strangersCode);
        Assert.Equal(HttpStatusCode.NotFound, strangersCall.StatusCode);
        Assert.DoesNotContain("198.51.100.77", await strangersCall.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var fromAdmin = await admin.GetAsync($"/admin/users/{user.Id}/tokens/{id}");
        Assert.Equal(HttpStatusCode.OK, fromAdmin.Status);
        Assert.Contains("198.51.100.77", fromAdmin.Document.QuerySelector("table.token-addresses")!.TextContent, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> CallAsync(HttpClient api, string code, string forwardedFor, string userAgent)
    {
        using var response = await api.SendWithAsync(ApiRequests.Me, r =>
        {
            r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", code);
            r.Headers.Add("X-Forwarded-For", forwardedFor);
            r.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        });
        return response.StatusCode;
    }

    private Task<List<TokenUsage>> RowsAsync(Guid id) =>
        app.WithDbAsync(db => db.Set<TokenUsage>().AsNoTracking().Where(u => u.TokenId == id).ToListAsync());

    private async Task WaitForRowsAsync(Guid id, int count) => await WaitForAsync(async () => (await RowsAsync(id)).Count == count);

    private static async Task WaitForAsync(Func<Task<bool>> done)
    {
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(20); await Task.Delay(50))
        {
            if (await done())
            {
                return;
            }
        }

        Assert.Fail("The writer did not get there in 20 seconds.");
    }
}
