using System.Net;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Ten failed authentications from one address in a minute, and that address waits; no one else does.</summary>
public sealed class ApiRateLimitTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Fact]
    public async Task Eleventh_attempt_after_ten_failures_gets_429_with_Retry_After()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (_, code) = await owner.CreateTokenWithCodeAsync();
        using var attacker = app.CreateApiClient();

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.GetWithTokenAsync(ApiRequests.Me, TokenCode.Generate())).StatusCode);
            app.Time.Advance(TimeSpan.FromSeconds(2));
        }

        var refused = await attacker.GetWithTokenAsync(ApiRequests.Me, TokenCode.Generate());
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(40), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.JsonAsync();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal("Too many failed authentications. Try again later.", problem.GetProperty("detail").GetString());

        // Even a valid token waits from that address, so guessing cannot go on behind a real one.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await attacker.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
    }

    [Fact]
    public async Task Another_address_is_unaffected_and_its_success_does_not_reset_the_attacker()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (_, code) = await owner.CreateTokenWithCodeAsync();
        using var attacker = app.CreateApiClient();
        using var client = app.CreateApiClient();

        for (var i = 0; i < 10; i++)
        {
            await attacker.GetWithTokenAsync(ApiRequests.Me, "scp_guess");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await attacker.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
    }

    [Fact]
    public async Task Successes_never_count_and_the_window_ends_after_sixty_seconds()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (_, code) = await owner.CreateTokenWithCodeAsync();
        using var api = app.CreateApiClient();

        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
        }

        for (var i = 0; i < 10; i++)
        {
            await api.GetWithTokenAsync(ApiRequests.Me, "wrong");
        }

        // The token this instance holds still works from the blocked address; a token it does not hold waits.
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await api.GetWithTokenAsync(ApiRequests.Me, TokenCode.Generate())).StatusCode);
        // Past the cache lifetime the token needs the database again, which a blocked address may not have.
        app.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
        app.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
    }

    [Fact]
    public async Task Retry_After_rounds_a_part_of_a_second_up_so_a_client_never_comes_back_too_early()
    {
        using var api = app.CreateApiClient();
        for (var i = 0; i < 10; i++)
        {
            await api.GetWithTokenAsync(ApiRequests.Me, "scp_guess");
        }

        app.Time.Advance(TimeSpan.FromMilliseconds(20_500));
        var refused = await api.GetWithTokenAsync(ApiRequests.Me, "scp_guess");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(40), refused.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task The_limit_follows_configuration()
    {
        using var configured = TokensAppFactory.Dedicated().With("Tokens:FailedAuthenticationLimit", "25");
        using var api = configured.CreateApiClient();

        for (var i = 0; i < 25; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetWithTokenAsync(ApiRequests.Me, "scp_guess")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await api.GetWithTokenAsync(ApiRequests.Me, "scp_guess")).StatusCode);
    }

    [Fact]
    public async Task Refusals_beyond_ten_in_a_window_are_counted_not_logged_one_by_one()
    {
        using var configured = TokensAppFactory.Dedicated().With("Tokens:FailedAuthenticationLimit", "1000");
        using var api = configured.CreateApiClient();

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetWithTokenAsync(ApiRequests.Me, "scp_guess")).StatusCode);
        }

        Assert.Equal(10, configured.Logs.Lines.Count(l => l.Contains("API call refused: WrongLength", StringComparison.Ordinal)));
        Assert.Single(configured.Logs.Lines, l => l.Contains("counted, not logged", StringComparison.Ordinal));

        configured.Time.Advance(TimeSpan.FromSeconds(60));
        await api.GetWithTokenAsync(ApiRequests.Me, "scp_guess");
        Assert.Equal(11, configured.Logs.Lines.Count(l => l.Contains("API call refused: WrongLength", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_blocked_address_is_logged_once_per_window_not_once_per_call()
    {
        using var api = app.CreateApiClient();
        for (var i = 0; i < 10; i++)
        {
            await api.GetWithTokenAsync(ApiRequests.Me, "scp_guess");
        }

        var before = Blocked();
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, (await api.GetWithTokenAsync(ApiRequests.Me, "scp_guess")).StatusCode);
        }

        Assert.Equal(before + 1, Blocked());
    }

    [Fact]
    public async Task A_victim_behind_a_blocked_address_keeps_the_token_this_instance_holds_and_gets_nothing_that_needs_a_lookup()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (_, code) = await owner.CreateTokenWithCodeAsync("victim's script");
        var (_, other) = await owner.CreateTokenWithCodeAsync("victim's other script, not called lately");
        var shared = TestClientAddress.Next();
        using var victim = app.CreateApiClient(shared);
        using var attacker = app.CreateApiClient(shared);
        await victim.CallUntilCachedAsync(code);
        for (var i = 0; i < 10; i++)
        {
            await attacker.GetWithTokenAsync(ApiRequests.Me, TokenCode.Generate());
        }

        using var databaseLookups = app.CountDatabaseLookups();
        Assert.Equal(HttpStatusCode.OK, (await victim.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await victim.GetWithTokenAsync(ApiRequests.Tokens, code)).StatusCode);

        foreach (var refused in new[]
        {
            await victim.GetWithTokenAsync(ApiRequests.Me, other),
            await attacker.GetWithTokenAsync(ApiRequests.Me, TokenCode.Generate()),
            await attacker.GetWithTokenAsync(ApiRequests.Me, "scp_guess"),
            await attacker.SendWithAsync(ApiRequests.Me, _ => { }),
        })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        }

        Assert.Empty(databaseLookups.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task An_IPv4_client_is_counted_as_one_whether_or_not_it_arrives_mapped_to_IPv6()
    {
        var address = TestClientAddress.Next();
        using var plain = app.CreateApiClient(address);
        using var mapped = app.CreateApiClient("::ffff:" + address);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await plain.GetWithTokenAsync(ApiRequests.Me, "scp_guess")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await mapped.GetWithTokenAsync(ApiRequests.Me, "scp_guess")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await plain.GetWithTokenAsync(ApiRequests.Me, "scp_guess")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await mapped.GetWithTokenAsync(ApiRequests.Me, "scp_guess")).StatusCode);
    }

    [Fact]
    public async Task Rotating_addresses_cannot_flood_the_log_past_the_global_ration()
    {
        using var app = TokensAppFactory.Dedicated();
        for (var i = 0; i < 1_100; i++)
        {
            using var api = app.CreateApiClient($"2001:db8:{i >> 8:x}:{i & 255:x}::1");
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetWithTokenAsync(ApiRequests.Me, "scp_guess")).StatusCode);
        }

        Assert.Equal(1_000, app.Logs.Lines.Count(l => l.Contains("API call refused: WrongLength", StringComparison.Ordinal)));
        Assert.Single(app.Logs.Lines, l => l.Contains("the rest are only counted", StringComparison.Ordinal));
    }

    private int Blocked() => app.Logs.Lines.Count(l => l.Contains("too many failed authentications", StringComparison.Ordinal));
}
