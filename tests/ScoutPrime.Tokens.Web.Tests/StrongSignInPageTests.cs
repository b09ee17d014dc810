using System.Net;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>The page a member without a strong sign-in is sent to: it offers both ways the policy accepts.</summary>
public sealed class StrongSignInPageTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Fact]
    public async Task The_explanation_links_to_adding_a_passkey_and_to_two_factor_setup()
    {
        var (member, _) = await app.SignInMemberAsync();

        var page = await member.GetAsync("/Identity/Account/StrongSignInRequired");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/Identity/Account/Manage/Passkeys", page.Document.QuerySelector("a#set-up-passkey")?.GetAttribute("href"));
        Assert.Equal("/Identity/Account/Manage/TwoFactorAuthentication", page.Document.QuerySelector("a#set-up-two-factor")?.GetAttribute("href"));
    }
}
