using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity.Passkeys;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>
/// <see cref="PasskeyProof"/>, the passkey answer to "prove it is still you" before a reveal. Its page belongs to the
/// reveal's confirmation; here the service is driven as a request would drive it, with this browser's challenge
/// cookie carried from the options request to the answer.
/// </summary>
public sealed class PasskeyProofTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Fact]
    public async Task The_users_own_passkey_proves_it_once()
    {
        var (key, user) = await MemberWithPasskeyAsync();
        var (options, cookie) = await InRequestAsync(user.Id, null, (proof, u) => proof.RequestOptionsAsync(u));
        var credential = key.Get(options);

        Assert.Null((await InRequestAsync(user.Id, cookie, (proof, u) => proof.VerifyAsync(u, credential))).Result);
        // Replayed with the challenge cookie as it was (a browser would have dropped it): Identity's challenge lives in
        // that cookie, not on the server, so the stored signature count is what refuses the copy.
        Assert.Equal(PasskeyFailure.Refused, (await InRequestAsync(user.Id, cookie, (proof, u) => proof.VerifyAsync(u, credential))).Result);
    }

    [Fact]
    public async Task Another_users_passkey_proves_nothing_and_counts_toward_the_lockout()
    {
        var (_, user) = await MemberWithPasskeyAsync();
        var (othersKey, _) = await MemberWithPasskeyAsync();

        // Offered only the user's passkeys, and also when the browser's last challenge was the sign-in page's (any passkey).
        var (options, cookie) = await InRequestAsync(user.Id, null, (proof, u) => proof.RequestOptionsAsync(u));
        Assert.Equal(PasskeyFailure.Refused, (await InRequestAsync(user.Id, cookie, (proof, u) => proof.VerifyAsync(u, othersKey.Get(options)))).Result);
        var (signInOptions, signInCookie) = await InRequestAsync(user.Id, null, (_, _) => CeremoniesOf().RequestOptionsAsync(null));
        Assert.Equal(PasskeyFailure.Refused, (await InRequestAsync(user.Id, signInCookie, (proof, u) => proof.VerifyAsync(u, othersKey.Get(signInOptions)))).Result);

        Assert.Equal(2, (await InRequestAsync(user.Id, null, (_, u) => Task.FromResult(u.AccessFailedCount))).Result);
    }

    [Fact]
    public async Task No_credential_is_not_counted_and_a_locked_out_user_cannot_prove()
    {
        var (key, user) = await MemberWithPasskeyAsync();
        Assert.Equal(PasskeyFailure.NoCredential, (await InRequestAsync(user.Id, null, (proof, u) => proof.VerifyAsync(u, ""))).Result);
        Assert.Equal(0, (await InRequestAsync(user.Id, null, (_, u) => Task.FromResult(u.AccessFailedCount))).Result);

        await InRequestAsync(user.Id, null, (_, u) => _scope!.GetRequiredService<UserManager<AppUser>>().SetLockoutEndDateAsync(u, DateTimeOffset.MaxValue));
        var (options, cookie) = await InRequestAsync(user.Id, null, (proof, u) => proof.RequestOptionsAsync(u));
        Assert.Equal(PasskeyFailure.LockedOut, (await InRequestAsync(user.Id, cookie, (proof, u) => proof.VerifyAsync(u, key.Get(options)))).Result);
    }

    private IServiceProvider? _scope;

    private PasskeyCeremonies CeremoniesOf() => _scope!.GetRequiredService<PasskeyCeremonies>();

    private async Task<(SoftPasskey Key, AppUser User)> MemberWithPasskeyAsync()
    {
        var (browser, user) = await app.SignInMemberAsync();
        var key = new SoftPasskey();
        await browser.AddPasskeyAsync(key);
        browser.Dispose();
        return (key, user);
    }

    /// <summary>One request from the browser at http://localhost with <paramref name="cookie"/>; returns what it set.</summary>
    private async Task<(T Result, string? Cookie)> InRequestAsync<T>(string userId, string? cookie, Func<PasskeyProof, AppUser, Task<T>> act)
    {
        await using var scope = app.Services.CreateAsyncScope();
        _scope = scope.ServiceProvider;
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost");
        context.Request.Headers.Origin = SoftPasskey.Origin;
        if (cookie is not null)
        {
            context.Request.Headers.Cookie = cookie;
        }

        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = context;
        try
        {
            var user = (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(userId))!;
            var result = await act(scope.ServiceProvider.GetRequiredService<PasskeyProof>(), user);
            var set = context.Response.Headers.SetCookie.FirstOrDefault(c => c!.StartsWith("Identity.TwoFactorUserId=", StringComparison.Ordinal));
            return (result, set?[..set.IndexOf(';', StringComparison.Ordinal)]);
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }
}
