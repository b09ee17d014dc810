using System.Net;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>"Confirm it's you" with a passkey: the user's own passkey proves, anyone else's does not.</summary>
public sealed class PasskeyProofPageTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Fact]
    public async Task A_stale_show_proves_with_the_users_passkey_and_comes_back_to_the_reveal()
    {
        var (member, _) = await app.SignInMemberAsync();
        using var key = new SoftPasskey();
        await member.AddPasskeyAsync(key);
        var id = await member.CreateTokenAsync("passkey proof");
        app.Time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(HttpStatusCode.Forbidden, (await member.RevealJsonRawAsync(id)).Status);

        var proved = await ProveAsync(member, key, id);

        Assert.Equal((HttpStatusCode.Redirect, $"/tokens/{id}/reveal"), (proved.Status, proved.Location));
        Assert.Null(TokenCode.FindFault(await member.RevealJsonAsync(id)));
    }

    [Fact]
    public async Task Another_users_passkey_is_refused_and_the_reveal_stays_closed()
    {
        var (member, _) = await app.SignInMemberAsync();
        using var own = new SoftPasskey();
        await member.AddPasskeyAsync(own);
        var (other, _) = await app.SignInMemberAsync();
        using var foreign = new SoftPasskey();
        await other.AddPasskeyAsync(foreign);
        var id = await member.CreateTokenAsync("not yours");
        app.Time.Advance(TimeSpan.FromMinutes(11));

        var refused = await ProveAsync(member, foreign, id);

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("not accepted", refused.Text);
        Assert.DoesNotContain(TokenCode.Prefix, refused.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.RevealJsonRawAsync(id)).Status);
    }

    [Fact]
    public async Task Without_a_passkey_the_page_offers_only_the_password()
    {
        var (member, _) = await app.SignInMemberAsync();
        var page = await member.GetAsync($"{SecurityScreens.ProofPage}?returnUrl=%2Ftokens");
        Assert.Null(page.Document.QuerySelector("form#passkey-proof"));
        Assert.NotNull(page.Document.QuerySelector("form#confirm-identity"));
    }

    private static async Task<Page> ProveAsync(BrowserClient browser, SoftPasskey key, Guid id)
    {
        var page = await browser.GetAsync($"{SecurityScreens.ProofPage}?returnUrl={Uri.EscapeDataString($"/tokens/{id}/reveal")}");
        var form = page.Form("form#passkey-proof");
        var credential = key.Get(await browser.OptionsAsync(form));
        return await browser.SubmitAsync(form, new Dictionary<string, string> { ["credential"] = credential }, PasskeyScreens.FromOrigin);
    }
}
