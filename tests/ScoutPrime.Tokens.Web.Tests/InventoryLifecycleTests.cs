using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>The administrators' Tokens screen finds suspended and rotated tokens, whoever suspended or rotated them.</summary>
public sealed class InventoryLifecycleTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Fact]
    public async Task Suspended_and_replaced_filters_list_exactly_those_tokens()
    {
        var (owner, user) = await app.SignInMemberAsync();
        var suspended = await owner.CreateTokenAsync("paused");
        var rotated = await owner.CreateTokenAsync("rotated");
        await owner.CreateTokenAsync("untouched");
        await owner.SetSuspendedAsync(suspended);
        await owner.RotateToSuccessorAsync(rotated, "PT1H");
        var (admin, _) = await app.SignInNewUserAsync(Roles.Administrators);
        var owned = "/admin/tokens?Owner=" + Uri.EscapeDataString(user.Email!);

        Assert.Equal(["paused"], InventoryTests.Descriptions(await admin.GetAsync(owned + "&Status=Suspended")));
        Assert.Equal(["rotated"], InventoryTests.Descriptions(await admin.GetAsync(owned + "&Status=Replaced")));
        Assert.Equal(4, InventoryTests.Descriptions(await admin.GetAsync(owned)).Length);
    }
}
