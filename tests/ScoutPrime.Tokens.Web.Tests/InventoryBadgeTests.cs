using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>The Tokens screen's Status column tells a suspended or rotated token apart, as the owner's list does.</summary>
public sealed class InventoryBadgeTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Fact]
    public async Task Suspended_and_replaced_tokens_carry_their_badge_beside_the_expiry_status()
    {
        var (owner, user) = await app.SignInMemberAsync();
        var suspended = await owner.CreateTokenAsync("paused");
        var rotated = await owner.CreateTokenAsync("rotated");
        var untouched = await owner.CreateTokenAsync("untouched");
        await owner.SetSuspendedAsync(suspended);
        await owner.RotateToSuccessorAsync(rotated, "PT1H");
        var (admin, _) = await app.SignInNewUserAsync(Roles.Administrators);

        var page = await admin.GetAsync("/admin/tokens?Owner=" + Uri.EscapeDataString(user.Email!));

        string StatusOf(Guid id) => string.Join(' ', page.Document.QuerySelector($"tr#token-{id} .token-status")!.TextContent
            .Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("Active Suspended", StatusOf(suspended));
        Assert.Equal("Active Replaced", StatusOf(rotated)); // its successor, "rotated" too, is neither
        Assert.Equal("Active", StatusOf(untouched));
    }
}
