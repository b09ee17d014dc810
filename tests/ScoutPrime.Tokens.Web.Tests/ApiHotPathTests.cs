using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;
using ScoutPrime.Tokens.Web.Validation;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>What an API call costs: no lookup for a malformed code, one write of LastUsedAt per ten minutes, a cache that forgets on change.</summary>
public sealed class ApiHotPathTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Fact]
    public async Task Wrong_prefix_or_checksum_is_refused_without_a_database_or_cache_lookup()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (_, code) = await owner.CreateTokenWithCodeAsync();
        using var api = app.CreateApiClient();
        using var databaseLookups = app.CountDatabaseLookups();
        var (commands, lookups) = (app.Commands.Count, app.CacheLookups.Lookups);

        await api.GetWithTokenAsync(ApiRequests.Me, "xyz_" + code[4..]);
        await api.GetWithTokenAsync(ApiRequests.Me, code[..^1] + (code[^1] == 'a' ? 'b' : 'a'));

        Assert.Equal(commands, app.Commands.Count);
        Assert.Equal(lookups, app.CacheLookups.Lookups);
        Assert.Empty(databaseLookups.GetMeasurementSnapshot());

        // The counters do see a well-formed code being looked up.
        await api.GetWithTokenAsync(ApiRequests.Me, code);
        Assert.True(app.CacheLookups.Lookups > lookups);
        Assert.Equal(1, databaseLookups.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task Repeated_calls_are_answered_from_the_cache_from_the_second_on()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (_, code) = await owner.CreateTokenWithCodeAsync();
        using var api = app.CreateApiClient();
        using var databaseLookups = app.CountDatabaseLookups();
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
        Assert.Equal(2, databaseLookups.GetMeasurementSnapshot().EvaluateAsCounter());
        var commands = app.Commands.Count;

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
        }

        Assert.Equal(2, databaseLookups.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(commands, app.Commands.Count);
    }

    [Fact]
    public async Task Tokens_that_call_once_are_not_kept_in_memory()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var codes = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            codes.Add((await owner.CreateTokenWithCodeAsync($"once {i}")).Code);
        }

        using var api = app.CreateApiClient();
        using var databaseLookups = app.CountDatabaseLookups();
        foreach (var code in codes)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
        }

        // Each called once: looked up, not cached; the first of them called again after the cache lifetime is
        // looked up again and, having been seen too long ago, still not cached.
        app.Time.Advance(TimeSpan.FromSeconds(app.Services.GetRequiredService<IOptions<ValidationOptions>>().Value.ValidationCacheSeconds));
        await api.GetWithTokenAsync(ApiRequests.Me, codes[0]);
        await api.GetWithTokenAsync(ApiRequests.Me, codes[0]);
        Assert.Equal(7, databaseLookups.GetMeasurementSnapshot().EvaluateAsCounter());
        await api.GetWithTokenAsync(ApiRequests.Me, codes[0]);
        Assert.Equal(7, databaseLookups.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task A_thousand_calls_write_LastUsedAt_once_and_again_only_after_ten_minutes()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync("busy script");
        Assert.Equal("Never", LastUsedCell(await owner.GetAsync("/tokens"), id));
        using var api = app.CreateApiClient();
        var writes = Writes();
        var firstCall = app.Time.GetUtcNow();

        for (var batch = 0; batch < 20; batch++)
        {
            var calls = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => api.GetWithTokenAsync(ApiRequests.Me, code)));
            Assert.All(calls, c => Assert.Equal(HttpStatusCode.OK, c.StatusCode));
        }

        await AssertLastUsedAtWrittenAsync(id, firstCall);
        Assert.Equal(writes + 1, Writes());
        Assert.Equal("just now", LastUsedCell(await owner.GetAsync("/tokens"), id));

        app.Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        await api.GetWithTokenAsync(ApiRequests.Me, code);
        // Stamps are written in the order they came: once a later token's stamp is in, this call's would be too.
        var (sentinel, sentinelCode) = await owner.CreateTokenWithCodeAsync("sentinel");
        await api.GetWithTokenAsync(ApiRequests.Me, sentinelCode);
        await AssertLastUsedAtWrittenAsync(sentinel, app.Time.GetUtcNow());
        Assert.Equal(writes + 2, Writes());
        Assert.Equal(firstCall, await LastUsedAtAsync(id));
        Assert.Equal("9 minutes ago", LastUsedCell(await owner.GetAsync("/tokens"), id));

        app.Time.Advance(TimeSpan.FromSeconds(1));
        await api.GetWithTokenAsync(ApiRequests.Me, code);
        await api.GetWithTokenAsync(ApiRequests.Me, code);
        await AssertLastUsedAtWrittenAsync(id, app.Time.GetUtcNow());
        Assert.Equal(writes + 3, Writes());
    }

    [Fact]
    public async Task Calls_are_answered_while_the_database_is_locked_for_writing_and_LastUsedAt_follows()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync("answered first");
        using var api = app.CreateApiClient();

        await using (var other = new SqliteConnection($"Data Source={app.DatabasePath}"))
        {
            await other.OpenAsync();
            // BEGIN IMMEDIATE: another connection, as another instance would, holds SQLite's one write lock until it ends.
            await using var transaction = await other.BeginTransactionAsync();

            Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
            Assert.Null(await LastUsedAtAsync(id));
        }

        await AssertLastUsedAtWrittenAsync(id, app.Time.GetUtcNow());
        Assert.Equal("just now", LastUsedCell(await owner.GetAsync("/tokens"), id));
    }

    [Fact]
    public async Task Edit_is_seen_on_the_next_call()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync("before edit", timeoutDays: 5);
        using var api = app.CreateApiClient();
        await api.CallUntilCachedAsync(code);
        Assert.Equal("before edit", (await (await api.GetWithTokenAsync(ApiRequests.Me, code)).JsonAsync()).GetProperty("token").GetProperty("description").GetString());

        await owner.EditTokenAsync(id, "after edit", 9);

        var token = (await (await api.GetWithTokenAsync(ApiRequests.Me, code)).JsonAsync()).GetProperty("token");
        Assert.Equal("after edit", token.GetProperty("description").GetString());
        Assert.Equal(app.Time.GetUtcNow().AddDays(9), token.GetProperty("expiresAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_deletion_the_feed_never_carried_ends_with_the_cache_lifetime()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync("seen elsewhere");
        using var other = TokensAppFactory.OnDatabase(app.DatabasePath);
        other.Time.SetUtcNow(app.Time.GetUtcNow());
        using var elsewhere = other.CreateApiClient();
        await elsewhere.CallUntilCachedAsync(code);
        var lifetime = TimeSpan.FromSeconds(other.Services.GetRequiredService<IOptions<ValidationOptions>>().Value.ValidationCacheSeconds);

        // Deleted behind every instance's back: no revocation feed row, as when an instance dies between its commit
        // and its feed write. Only the cache lifetime, the safety net, ends the trust.
        await app.WithDbAsync(db => db.Set<ApiToken>().Where(t => t.Id == id).ExecuteDeleteAsync());

        other.Time.Advance(lifetime - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
        other.Time.Advance(TimeSpan.FromSeconds(1));
        await ApiAuthenticationTests.AssertUniform401Async(await elsewhere.GetWithTokenAsync(ApiRequests.Me, code));
    }

    // A Show's one-time stamp of FirstRevealedAt (the reveal policy's) is not a LastUsedAt write.
    private int Writes() => app.Commands.CountContaining("UPDATE \"ApiTokens\"") - app.Commands.CountContaining("SET \"FirstRevealedAt\"");

    /// <summary>Waits for the writer, which stamps LastUsedAt a moment after the call, never during it.</summary>
    private async Task AssertLastUsedAtWrittenAsync(Guid id, DateTimeOffset expected)
    {
        DateTimeOffset? stored = null;
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(10); await Task.Delay(50))
        {
            if ((stored = await LastUsedAtAsync(id)) == expected)
            {
                return;
            }
        }

        Assert.Fail($"LastUsedAt of {id} is {stored}, not {expected}, 10 seconds on.");
    }

    private Task<DateTimeOffset?> LastUsedAtAsync(Guid id) =>
        app.WithDbAsync(db => db.Tokens.Where(t => t.Id == id).Select(t => t.LastUsedAt).SingleAsync());

    private static string? LastUsedCell(Page list, Guid id) =>
        list.Row(id)?.QuerySelector("td[data-label='Last used']")?.TextContent.Trim();
}
