using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Security;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Security:RequireStrongSignInForTokens: API Tokens needs two-factor or a passkey; nothing else does.</summary>
public sealed class StrongSignInPolicyTests
{
    private const string SetupPage = "/Identity/Account/StrongSignInRequired";

    [Fact]
    public async Task With_the_policy_on_a_password_only_member_is_sent_to_the_explanation_from_every_tokens_screen_and_the_reveal()
    {
        using var app = TokensAppFactory.Dedicated().With("Security:RequireStrongSignInForTokens", "true");
        var (member, _) = await app.SignInMemberAsync();
        var id = Guid.NewGuid(); // the policy answers before the token is even looked up

        foreach (var url in new[] { "/tokens", "/tokens/new", $"/tokens/{id}/edit", $"/tokens/{id}/delete", $"/tokens/{id}/reveal" })
        {
            var page = await member.GetAsync(url);
            Assert.Equal((HttpStatusCode.Redirect, SetupPage), (page.Status, page.Location));
        }

        // Show with JavaScript, with a valid antiforgery token (any form of the user's carries one).
        var anyForm = (await member.GetAsync("/Identity/Account/Manage/EnableAuthenticator")).Form("form#send-code");
        var token = anyForm.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/tokens/{id}/reveal")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
        };
        request.Headers.Accept.ParseAdd("application/json");
        using var reveal = await member.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, reveal.StatusCode);
        Assert.Equal(SetupPage, (await reveal.JsonAsync()).GetProperty("setupUrl").GetString());

        var explanation = await member.GetAsync(SetupPage);
        Assert.Equal(HttpStatusCode.OK, explanation.Status);
        Assert.Equal("/Identity/Account/Manage/TwoFactorAuthentication", explanation.Document.QuerySelector("a#set-up-two-factor")!.GetAttribute("href"));

        // The rest of the account is not blocked.
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/Identity/Account/Manage")).Status);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/Identity/Account/Manage/Sessions")).Status);
    }

    [Fact]
    public async Task With_the_policy_on_a_password_only_member_is_sent_to_the_explanation_from_a_tokens_details()
    {
        using var app = TokensAppFactory.Dedicated().With("Security:RequireStrongSignInForTokens", "true");
        var (member, _) = await app.SignInMemberAsync();

        // The policy answers before the token is looked up: without it this would be the 404 of a missing token.
        var page = await member.GetAsync($"/tokens/{Guid.NewGuid()}/details");
        Assert.Equal((HttpStatusCode.Redirect, SetupPage), (page.Status, page.Location));
        Assert.True(page.Response.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task With_the_policy_on_two_factor_opens_API_Tokens_and_bearer_calls_never_depend_on_it()
    {
        using var app = TokensAppFactory.Dedicated().With("Security:RequireStrongSignInForTokens", "true");
        var (member, _) = await app.SignInMemberAsync();
        await member.EnableAuthenticatorAsync(app);

        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/tokens")).Status);
        var (_, code) = await member.CreateTokenWithCodeAsync("strong owner");

        // Two-factor off again: the screens close, the token keeps working for the script that uses it.
        await member.SubmitAsync((await member.GetAsync("/Identity/Account/Manage/Disable2fa")).Form("form#disable-2fa"));
        Assert.Equal(HttpStatusCode.Redirect, (await member.GetAsync("/tokens")).Status);
        using var api = app.CreateApiClient();
        using var call = await api.GetWithTokenAsync(ApiRequests.Me, code);
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
    }

    [Fact]
    public async Task With_the_policy_on_a_passkey_opens_API_Tokens_and_removing_it_closes_them()
    {
        using var app = TokensAppFactory.Dedicated().With("Security:RequireStrongSignInForTokens", "true");
        var (member, _) = await app.SignInMemberAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await member.GetAsync("/tokens")).Status);
        using var key = new SoftPasskey();

        await member.AddPasskeyAsync(key);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/tokens")).Status);

        await member.SubmitAsync((await member.GetAsync(PasskeyScreens.PasskeysPage)).Form("form.passkey-remove"));
        Assert.Equal(HttpStatusCode.Redirect, (await member.GetAsync("/tokens")).Status);
    }

    [Fact]
    public async Task With_the_policy_off_a_password_only_member_opens_API_Tokens()
    {
        using var app = TokensAppFactory.Dedicated().With("Security:RequireStrongSignInForTokens", "false");
        var (member, _) = await app.SignInMemberAsync();
        var (id, _) = await member.CreateTokenWithCodeAsync();
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/tokens")).Status);
        Assert.Null(TokenCode.FindFault(await member.RevealJsonAsync(id)));
    }

    [Theory]
    [InlineData("Production", null, true)]
    [InlineData("Development", null, false)]
    [InlineData("Testing", null, false)]
    [InlineData("Production", "false", false)]
    [InlineData("Development", "true", true)]
    public void The_policy_is_on_in_Production_unless_configured(string environment, string? setting, bool expected)
    {
        using var app = TokensAppFactory.Dedicated().InEnvironment(environment).With("Site:BaseUrl", "https://tokens.example.com")
            .With("Security:RequireStrongSignInForTokens", setting);
        var options = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value;
        Assert.Equal(expected, options.RequireStrongSignInForTokens);
        Assert.Equal(10, options.RevealFreshnessMinutes);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1441")]
    public void A_freshness_outside_1_to_1440_minutes_stops_the_start(string minutes)
    {
        using var app = TokensAppFactory.Dedicated().With("Security:RevealFreshnessMinutes", minutes);
        var failure = Assert.Throws<OptionsValidationException>(() => app.Services);
        Assert.Contains("RevealFreshnessMinutes", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrators_see_on_Group_members_who_has_strong_sign_in()
    {
        using var app = TokensAppFactory.Dedicated();
        var (strong, strongUser) = await app.SignInMemberAsync();
        await strong.EnableAuthenticatorAsync(app);
        var (_, weakUser) = await app.SignInMemberAsync();
        using var admin = app.CreateBrowser();
        await admin.SignInAsync(TokensAppFactory.AdminEmail, TokensAppFactory.Password);

        var list = await admin.GetAsync("/admin/users?members=true");
        Assert.Equal("Two-factor on", list.Document.GetElementById($"user-{strongUser.Id}")!.QuerySelector("td.strong-sign-in")!.TextContent);
        Assert.Equal("Password only", list.Document.GetElementById($"user-{weakUser.Id}")!.QuerySelector("td.strong-sign-in")!.TextContent);
    }
}
