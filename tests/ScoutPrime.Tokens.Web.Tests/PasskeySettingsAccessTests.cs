using System.Net;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using static ScoutPrime.Tokens.Web.Tests.Infrastructure.PasskeyScreens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Who reaches Account → Passkeys, whose passkeys a form can touch, and forms posted without their antiforgery field.</summary>
public sealed class PasskeySettingsAccessTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    public static TheoryData<string> Posts => new()
    {
        PasskeysPage + "?handler=Add",
        PasskeysPage + "?handler=CreationOptions",
        PasskeysPage + "?handler=Rename&id=AAAA",
        PasskeysPage + "?handler=Remove&id=AAAA",
    };

    [Theory]
    [InlineData("GET", PasskeysPage)]
    [InlineData("POST", PasskeysPage + "?handler=CreationOptions")]
    [InlineData("POST", PasskeysPage + "?handler=Remove&id=AAAA")]
    public async Task Anonymous_is_sent_to_sign_in(string method, string url)
    {
        using var browser = app.CreateBrowser();
        var page = method == "GET" ? await browser.GetAsync(url) : await PostWithTokenAsync(browser, url, new());
        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("http://localhost/Identity/Account/Login", page.Location);
    }

    [Fact]
    public async Task A_user_outside_the_group_manages_their_own_passkeys()
    {
        var (outsider, _) = await app.SignInNewUserAsync();
        using var key = new SoftPasskey();
        Assert.Equal(HttpStatusCode.OK, (await outsider.GetAsync(PasskeysPage)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await outsider.AddPasskeyAsync(key)).Status);
    }

    [Fact]
    public async Task A_member_sees_only_their_own_passkeys_and_cannot_touch_anyone_elses()
    {
        var (owner, _) = await app.SignInMemberAsync();
        using var key = new SoftPasskey();
        await owner.AddPasskeyAsync(key, "Owner's key");
        var (intruder, _) = await app.SignInMemberAsync();

        var page = await intruder.GetAsync(PasskeysPage);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.DoesNotContain("Owner's key", page.Text);
        var rename = await PostWithTokenAsync(intruder, $"{PasskeysPage}?handler=Rename&id={key.Id}", new() { ["Name"] = "Mine now" });
        var remove = await PostWithTokenAsync(intruder, $"{PasskeysPage}?handler=Remove&id={key.Id}", new());
        Assert.Equal(HttpStatusCode.NotFound, rename.Status);
        Assert.Equal(HttpStatusCode.NotFound, remove.Status);
        Assert.Equal(["Owner's key"], (await owner.GetAsync(PasskeysPage)).Document.QuerySelectorAll(".passkey-name").Select(e => e.TextContent));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64url!")]
    [InlineData("AAAA")]
    [InlineData("%00")]
    public async Task An_unknown_or_malformed_passkey_id_is_a_404(string id)
    {
        var (browser, _) = await app.SignInMemberAsync();
        var url = $"{PasskeysPage}?handler=Remove&id={Uri.EscapeDataString(id)}";
        Assert.Equal(HttpStatusCode.NotFound, (await PostWithTokenAsync(browser, url, new())).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostWithTokenAsync(browser, url.Replace("Remove", "Rename", StringComparison.Ordinal), new() { ["Name"] = "x" })).Status);
    }

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task A_settings_post_without_its_antiforgery_field_is_refused(string url)
    {
        var (browser, _) = await app.SignInMemberAsync();
        var page = await browser.PostRawAsync(url, new Dictionary<string, string> { ["Name"] = "x", ["credential"] = "{}" });
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
    }

    [Theory]
    [InlineData(Login + "?handler=Passkey")]
    [InlineData(Login + "?handler=PasskeyOptions")]
    public async Task A_sign_in_post_without_its_antiforgery_field_is_refused(string url)
    {
        using var browser = app.CreateBrowser();
        var page = await browser.PostRawAsync(url, new Dictionary<string, string> { ["credential"] = "{}" });
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/tokens")).Status);
    }

    [Fact]
    public async Task The_options_name_this_site_and_offer_the_users_own_passkeys_to_exclude()
    {
        var (browser, user) = await app.SignInMemberAsync();
        using var key = new SoftPasskey();
        await browser.AddPasskeyAsync(key);

        var options = System.Text.Json.Nodes.JsonNode.Parse(await browser.OptionsAsync((await browser.GetAsync(PasskeysPage)).Form("form#add-passkey")))!;
        Assert.Equal("localhost", (string)options["rp"]!["id"]!);
        Assert.Equal(user.Email, (string)options["user"]!["name"]!);
        Assert.Equal([key.Id], options["excludeCredentials"]!.AsArray().Select(c => (string)c!["id"]!));
    }

    // A POST carrying an antiforgery token this browser was given, so that only authorization or ownership can refuse it.
    private static async Task<Page> PostWithTokenAsync(BrowserClient browser, string url, Dictionary<string, string> fields)
    {
        var login = await browser.GetAsync(Login);
        fields["__RequestVerificationToken"] = login.Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        return await browser.PostRawAsync(url, fields);
    }
}
