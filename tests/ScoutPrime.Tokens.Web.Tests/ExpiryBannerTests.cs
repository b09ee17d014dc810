using System.Net;
using System.Text.RegularExpressions;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>The banner on every page of a member whose tokens expire this week, dismissible for the day without script.</summary>
public sealed class ExpiryBannerTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Fact]
    public async Task A_member_with_tokens_expiring_this_week_sees_the_banner_on_every_page()
    {
        var (member, _) = await app.SignInMemberAsync();
        await member.CreateTokenAsync("soon", 3);
        await member.CreateTokenAsync("this week", 7);
        await member.CreateTokenAsync("later", 8);

        foreach (var url in new[] { "/tokens", "/tokens/new", "/Identity/Account/Manage/Sessions", "/Identity/Account/Manage/Notices" })
        {
            var banner = (await member.GetAsync(url)).Document.GetElementById("expiry-banner");
            Assert.NotNull(banner);
            Assert.Contains("2 tokens expire this week — review", Regex.Replace(banner.TextContent, @"\s+", " "));
        }
    }

    [Fact]
    public async Task No_banner_without_tokens_expiring_this_week_nor_for_an_expired_one()
    {
        var (member, _) = await app.SignInMemberAsync();
        await member.CreateTokenAsync("later", 9);
        await member.CreateTokenAsync("gone", 1);
        app.Time.Advance(TimeSpan.FromDays(1));

        Assert.Null((await member.GetAsync("/tokens")).Document.GetElementById("expiry-banner"));
    }

    [Fact]
    public async Task Dismissing_hides_the_banner_for_the_rest_of_the_day_only()
    {
        var (member, _) = await app.SignInMemberAsync();
        await member.CreateTokenAsync("soon", 3);
        var page = await member.GetAsync("/tokens/new");

        var dismissed = await member.SubmitAsync(page.Form("#expiry-banner form"));

        Assert.Equal(HttpStatusCode.Redirect, dismissed.Status);
        Assert.Equal("/tokens/new", dismissed.Location);
        Assert.Null((await member.GetAsync("/tokens")).Document.GetElementById("expiry-banner"));
        app.Time.Advance(TimeSpan.FromDays(1));
        Assert.NotNull((await member.GetAsync("/tokens")).Document.GetElementById("expiry-banner"));
    }

    [Fact]
    public async Task Dismissal_needs_antiforgery_and_goes_only_to_a_local_page()
    {
        var (member, _) = await app.SignInMemberAsync();
        await member.CreateTokenAsync("soon", 3);
        var page = await member.GetAsync("/tokens");

        Assert.Equal(HttpStatusCode.BadRequest, (await member.PostRawAsync("/notices/banner/dismiss")).Status);
        var foreign = await member.SubmitAsync(page.Form("#expiry-banner form"), new Dictionary<string, string> { ["returnUrl"] = "https://evil.example/" });
        Assert.Equal("/tokens", foreign.Location);
    }

    [Fact]
    public async Task Dismissal_is_for_members_only()
    {
        using var anonymous = app.CreateBrowser();
        var (outsider, _) = await app.SignInNewUserAsync();
        var (member, _) = await app.SignInMemberAsync();
        await member.CreateTokenAsync("soon", 3);
        var form = (await member.GetAsync("/tokens")).Form("#expiry-banner form");

        Assert.Null((await outsider.GetAsync("/")).Document.GetElementById("expiry-banner"));
        var asOutsider = await outsider.SubmitAsync((await outsider.GetAsync("/Identity/Account/Manage/Notices")).Form("#notice-preferences"));
        Assert.Equal(HttpStatusCode.Redirect, asOutsider.Status); // the settings page is anyone's own
        Assert.Equal(HttpStatusCode.Forbidden, (await SubmitToDismissAsync(outsider)).Status);
        Assert.Contains("/Identity/Account/Login", (await anonymous.GetAsync("/Identity/Account/Manage/Notices")).Location);
        Assert.Equal(HttpStatusCode.Redirect, (await member.SubmitAsync(form)).Status);
    }

    /// <summary>Posts the dismissal with a valid antiforgery token of the user's own (from their settings page's form).</summary>
    private static async Task<Page> SubmitToDismissAsync(BrowserClient user)
    {
        var settings = await user.GetAsync("/Identity/Account/Manage/Notices");
        var token = settings.Document.QuerySelector("#notice-preferences input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await user.PostRawAsync("/notices/banner/dismiss", new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
    }
}
