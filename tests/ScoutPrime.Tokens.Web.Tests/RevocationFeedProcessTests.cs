using System.Diagnostics;
using System.Net;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>
/// The target, with two real processes on one database: a token revoked on A is refused by B within 2 s,
/// although B would otherwise trust it for an hour (<see cref="FeedInstances.CacheSeconds"/>).
/// </summary>
public sealed class RevocationFeedProcessTests(FeedInstances instances, ITestOutputHelper output) : IClassFixture<FeedInstances>
{
    private const int Trials = 50;
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_token_deleted_on_A_is_refused_by_B_within_2_seconds_p99_over_50_trials()
    {
        using var adminOnA = Browser(instances.A);
        await adminOnA.SignInAsync(TokensAppFactory.AdminEmail, TokensAppFactory.Password);
        using var apiOnB = new HttpClient { BaseAddress = instances.B.Address };

        var delays = new List<TimeSpan>();
        for (var trial = 0; trial < Trials; trial++)
        {
            var (id, code) = await adminOnA.CreateTokenWithCodeAsync($"trial {trial}");
            await apiOnB.CallUntilCachedAsync(code);
            await adminOnA.DeleteTokenAsync(id);
            delays.Add(await TimeUntilRefusedAsync(apiOnB, code, HttpStatusCode.Unauthorized));
        }

        var p99 = Percentile(delays, 0.99);
        output.WriteLine($"Deleted on A, refused by B: p50 {Percentile(delays, 0.5).TotalMilliseconds:F0} ms, " +
            $"p99 {p99.TotalMilliseconds:F0} ms, max {delays.Max().TotalMilliseconds:F0} ms over {Trials} trials");
        Assert.True(p99 < Target, $"p99 {p99.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task A_token_reported_as_leaked_to_A_is_refused_by_B_within_2_seconds()
    {
        using var adminOnA = Browser(instances.A);
        await adminOnA.SignInAsync(TokensAppFactory.AdminEmail, TokensAppFactory.Password);
        using var apiOnA = new HttpClient { BaseAddress = instances.A.Address };
        using var apiOnB = new HttpClient { BaseAddress = instances.B.Address };
        var (_, code) = await adminOnA.CreateTokenWithCodeAsync("leaked");
        await apiOnB.CallUntilCachedAsync(code);

        using var report = await apiOnA.ReportLeakedAsync([code]);
        Assert.Equal(HttpStatusCode.Accepted, report.StatusCode);

        var delay = await TimeUntilRefusedAsync(apiOnB, code, HttpStatusCode.Unauthorized);
        output.WriteLine($"Reported on A, refused by B after {delay.TotalMilliseconds:F0} ms");
        Assert.True(delay < Target, $"{delay.TotalMilliseconds:F0} ms");
    }

    /// <summary>Calls B until it gives the expected refusal; the time from the change's answer on A to that refusal.</summary>
    private static async Task<TimeSpan> TimeUntilRefusedAsync(HttpClient api, string code, HttpStatusCode expected)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            using var response = await api.GetWithTokenAsync(ApiRequests.Me, code);
            if (response.StatusCode == expected)
            {
                return clock.Elapsed;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await Task.Delay(20);
        }

        throw new TimeoutException($"B still accepted the token after {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static TimeSpan Percentile(List<TimeSpan> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
    }

    private static BrowserClient Browser(AppProcess instance) =>
        new(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true })
        {
            BaseAddress = instance.Address,
        });
}
