using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Wrong passwords on the proof page count toward Identity's lockout, as on the sign-in page.</summary>
public sealed class ProofLockoutTests
{
    [Fact]
    public async Task A_hundred_wrong_passwords_lock_the_account_with_a_clear_message_and_never_a_500()
    {
        // The per-address limit would answer 429 long before 100; this test is about the account's lockout.
        using var app = TokensAppFactory.Dedicated().With("Identity:SignInAttemptsPerMinute", "1000");
        var (member, user) = await app.SignInMemberAsync();
        var id = await member.CreateTokenAsync("guarded");
        app.Time.Advance(TimeSpan.FromMinutes(11));

        var form = (await member.GetAsync($"{SecurityScreens.ProofPage}?returnUrl=/tokens/{id}/reveal")).Form("form#confirm-identity");
        for (var i = 1; i <= 100; i++)
        {
            var page = await member.SubmitAsync(form, new Dictionary<string, string> { ["Input.Password"] = $"wrong-guess-{i}" });
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.DoesNotContain(TokenCode.Prefix, page.Html, StringComparison.Ordinal);
            Assert.Contains(i < 5 ? "That password is not right" : "your account is locked", page.Text, StringComparison.Ordinal);
        }

        // Locked: the right password does not prove it either, and no code comes out.
        var right = await member.SubmitAsync(form, new Dictionary<string, string> { ["Input.Password"] = TokensAppFactory.Password });
        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.Contains("your account is locked", right.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.RevealJsonRawAsync(id)).Status);

        // Identity's lockout (on the real clock, as Identity keeps it) ends no session; once over, the right password proves it.
        var lockoutEnd = await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync());
        Assert.InRange(lockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/tokens")).Status);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(user.Id))!, DateTimeOffset.UtcNow.AddSeconds(-1));
        }

        var proved = await member.ConfirmIdentityAsync(TokensAppFactory.Password, returnUrl: $"/tokens/{id}/reveal");
        Assert.Equal(HttpStatusCode.Redirect, proved.Status);
        Assert.Null(TokenCode.FindFault(await member.RevealJsonAsync(id)));
    }

    [Fact]
    public async Task The_proof_page_shares_the_sign_in_limit_per_address()
    {
        using var app = TokensAppFactory.Dedicated().With("Identity:SignInAttemptsPerMinute", "3").With("Identity:Lockout:MaxFailedAttempts", "1000");
        var (member, _) = await app.SignInMemberAsync();
        var form = (await member.GetAsync(SecurityScreens.ProofPage)).Form("form#confirm-identity");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await member.SubmitAsync(form, new Dictionary<string, string> { ["Input.Password"] = "wrong" })).Status);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.DoesNotContain(HttpStatusCode.InternalServerError, statuses);
    }
}
