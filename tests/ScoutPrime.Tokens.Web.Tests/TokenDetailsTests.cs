using System.Net;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>A token's details page (its owner's, or any user's for administrators) and <c>GET /api/v1/tokens/{id}</c>.</summary>
public sealed class TokenDetailsTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Fact]
    public async Task The_description_leads_to_the_tokens_details_and_its_own_history()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var other = await owner.CreateTokenAsync("other");
        var (id, _) = await owner.CreateTokenWithCodeAsync("detailed", timeoutDays: 30);
        await owner.SetSuspendedAsync(id);
        await owner.SetSuspendedAsync(other);

        var link = (await owner.GetAsync("/tokens")).Row(id)!.QuerySelector("a.token-description")!.GetAttribute("href");
        var details = await owner.GetAsync(link!);

        Assert.Equal(HttpStatusCode.OK, details.Status);
        Assert.Contains("Token 'detailed'", details.Text);
        Assert.Contains(DateTimeOffsetText(app.Time.GetUtcNow().AddDays(30)), details.Text);
        var actions = details.Document.QuerySelectorAll("tr[data-action]").Select(r => r.GetAttribute("data-action")).ToList();
        Assert.Equal([AuditActions.TokenSuspended, AuditActions.TokenRevealed, AuditActions.TokenCreated], actions);
        Assert.NotNull(details.Document.QuerySelector(".token-suspended"));
    }

    [Fact]
    public async Task Details_are_the_owners_and_administrators_only()
    {
        var (owner, user) = await app.SignInMemberAsync();
        var id = await owner.CreateTokenAsync("private");
        var (stranger, _) = await app.SignInMemberAsync();
        var (outsider, _) = await app.SignInNewUserAsync();
        var (admin, _) = await app.SignInNewUserAsync(Roles.Administrators);
        using var anonymous = app.CreateBrowser();

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/tokens/{id}/details")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/tokens/{id}/details")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync($"/tokens/{id}/details")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.GetAsync($"/admin/users/{user.Id}/tokens/{id}")).Status);
        var fromAdmin = await admin.GetAsync((await admin.DetailsAsync(user.Id)).Document.QuerySelector($"#token-{id} a.token-description")!.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, fromAdmin.Status);
        Assert.Contains("Token 'private'", fromAdmin.Text);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/users/someone-else/tokens/{id}")).Status);
    }

    [Fact]
    public async Task The_api_describes_one_of_the_callers_tokens_never_a_code_and_never_anothers()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var (id, code) = await owner.CreateTokenWithCodeAsync("described");
        var (stranger, _) = await app.SignInMemberAsync();
        var strangersId = await stranger.CreateTokenAsync("theirs");
        await owner.RotateToSuccessorAsync(id, "PT1H");
        using var api = app.CreateApiClient();

        var response = await api.GetWithTokenAsync($"{ApiRequests.Tokens}/{id}", code);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(code, body, StringComparison.Ordinal);
        var json = await response.JsonAsync();
        Assert.Equal("described", json.GetProperty("description").GetString());
        Assert.Equal(app.Time.GetUtcNow().AddHours(1), json.GetProperty("replacedUntil").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetWithTokenAsync($"{ApiRequests.Tokens}/{strangersId}", code)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetWithTokenAsync($"{ApiRequests.Tokens}/{Guid.NewGuid()}", code)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(new Uri($"{ApiRequests.Tokens}/{id}", UriKind.Relative))).StatusCode);
    }

    private static string DateTimeOffsetText(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
