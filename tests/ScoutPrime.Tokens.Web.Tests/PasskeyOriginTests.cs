using System.Net;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using static ScoutPrime.Tokens.Web.Tests.Infrastructure.PasskeyScreens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>
/// Which origin a passkey must come from when Site:BaseUrl is unset: the one the request came to. A browser's
/// Origin header says nothing here: under the site's <c>Referrer-Policy: no-referrer</c>, Chromium sends
/// <c>Origin: null</c> with every form post (seen in the browser suite), and an attacker's relay sends what it likes.
/// </summary>
public sealed class PasskeyOriginTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    private static readonly Dictionary<string, string> AsChromiumPosts = new() { ["Origin"] = "null" };

    [Fact]
    public async Task A_passkey_is_added_and_signs_in_from_a_form_post_with_a_null_Origin_header()
    {
        var (browser, _) = await app.SignInMemberAsync();
        using var key = new SoftPasskey();
        var form = (await browser.GetAsync(PasskeysPage)).Form("form#add-passkey");
        var added = await browser.SubmitAsync(form, new Dictionary<string, string> { ["Name"] = "Chromium", ["credential"] = key.Create(await browser.OptionsAsync(form)) }, AsChromiumPosts);
        Assert.Equal(HttpStatusCode.Redirect, added.Status);

        using var other = app.CreateBrowser();
        form = (await other.GetAsync(Login + "?returnUrl=%2Ftokens")).Form("form#passkey-sign-in");
        var signedIn = await other.SubmitAsync(form, new Dictionary<string, string> { ["credential"] = key.Get(await other.OptionsAsync(form)) }, AsChromiumPosts);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        Assert.Equal("/tokens", signedIn.Location);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("https://phish.example")] // the relay claims the origin the credential was made for
    public async Task A_passkey_made_for_another_origin_is_refused_whatever_the_Origin_header_says(string originHeader)
    {
        var (browser, _) = await app.SignInMemberAsync();
        using var key = new SoftPasskey();
        var form = (await browser.GetAsync(PasskeysPage)).Form("form#add-passkey");
        var credential = key.Create(await browser.OptionsAsync(form), "https://phish.example");

        var refused = await browser.SubmitAsync(form, new Dictionary<string, string> { ["Name"] = "Phished", ["credential"] = credential }, new Dictionary<string, string> { ["Origin"] = originHeader });

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("That passkey was not accepted.", refused.Text);
        Assert.Null((await browser.GetAsync(PasskeysPage)).Document.QuerySelector(".passkey-name"));
    }
}
