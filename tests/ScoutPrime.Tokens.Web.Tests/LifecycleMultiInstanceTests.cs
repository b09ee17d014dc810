using System.Net;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Rotation and suspension made on one instance, enforced by the other within the revocation delay.</summary>
public sealed class LifecycleMultiInstanceTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    // The revocation delay, plus the moment the Last used writer waits before writing the successor's first use.
    private const double Within = TwoInstances.RevocationDelaySeconds + 3;

    private readonly CookieContainer _cookies = new();

    [Fact]
    public async Task First_use_of_the_new_code_on_one_instance_ends_the_old_code_on_the_other()
    {
        using var onA = await SignedInAsync(instances.A);
        var (oldId, oldCode) = await onA.CreateTokenWithCodeAsync("switching script");
        using var apiOnA = new HttpClient { BaseAddress = instances.A.Address };
        using var apiOnB = new HttpClient { BaseAddress = instances.B.Address };
        await apiOnB.CallUntilCachedAsync(oldCode);

        var (_, newCode, _) = await onA.RotateToSuccessorAsync(oldId, "untilFirstUse");
        await Task.Delay(TimeSpan.FromSeconds(Within));
        Assert.Equal(HttpStatusCode.OK, (await apiOnB.GetWithTokenAsync(ApiRequests.Me, oldCode)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await apiOnA.GetWithTokenAsync(ApiRequests.Me, newCode)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await apiOnB.StatusWithinAsync(oldCode, HttpStatusCode.Unauthorized, Within));
        Assert.Equal(HttpStatusCode.Unauthorized, (await apiOnA.GetWithTokenAsync(ApiRequests.Me, oldCode)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await apiOnB.GetWithTokenAsync(ApiRequests.Me, newCode)).StatusCode);
    }

    [Fact]
    public async Task Suspend_and_resume_on_one_instance_are_enforced_by_the_other()
    {
        using var onA = await SignedInAsync(instances.A);
        var (id, code) = await onA.CreateTokenWithCodeAsync("paused script");
        using var apiOnA = new HttpClient { BaseAddress = instances.A.Address };
        using var apiOnB = new HttpClient { BaseAddress = instances.B.Address };
        await apiOnA.CallUntilCachedAsync(code);
        await apiOnB.CallUntilCachedAsync(code);

        Assert.Equal(HttpStatusCode.Redirect, (await onA.SetSuspendedAsync(id)).Status);

        Assert.Equal(HttpStatusCode.Unauthorized, (await apiOnA.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await apiOnB.StatusWithinAsync(code, HttpStatusCode.Unauthorized, Within));

        Assert.Equal(HttpStatusCode.Redirect, (await onA.SetSuspendedAsync(id)).Status);

        Assert.Equal(HttpStatusCode.OK, (await apiOnA.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await apiOnB.StatusWithinAsync(code, HttpStatusCode.OK, Within));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("retry-1")]
    public async Task Two_self_rotations_racing_on_two_instances_make_one_successor(string? key)
    {
        using var onA = await SignedInAsync(instances.A);
        var description = $"racing {key ?? "without a key"}";
        var (_, code) = await onA.CreateTokenWithCodeAsync(description);
        using var apiOnA = new HttpClient { BaseAddress = instances.A.Address };
        using var apiOnB = new HttpClient { BaseAddress = instances.B.Address };

        var answers = await Task.WhenAll(
            apiOnA.SelfRotateAsync(code, """{"overlap":"PT1H"}""", key),
            apiOnB.SelfRotateAsync(code, """{"overlap":"PT1H"}""", key));

        var created = answers.Where(a => a.StatusCode == HttpStatusCode.Created).ToList();
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var ids = await Task.WhenAll(created.Select(async a => (await a.JsonAsync()).GetProperty("id").GetGuid()));
        Assert.Single(ids.Distinct());
        Assert.Equal(key is null ? 1 : 2, created.Count);
        var list = await onA.GetAsync("/tokens");
        Assert.Single(list.Document.QuerySelectorAll("tbody tr"), r => r.QuerySelector(".token-description")?.TextContent == description && !r.ClassList.Contains("token-replaced"));
    }

    private async Task<BrowserClient> SignedInAsync(AppProcess instance)
    {
        var browser = new BrowserClient(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = _cookies, UseCookies = true })
        {
            BaseAddress = instance.Address,
        });
        await browser.SignInAsync(TokensAppFactory.AdminEmail, TokensAppFactory.Password);
        return browser;
    }
}
