using System.Net;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>A token expires at its exact second; from then on it can only be deleted.</summary>
public sealed class ExpiryTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Fact]
    public async Task Token_is_editable_one_second_before_expiry_and_refused_at_it()
    {
        var (member, _) = await app.SignInMemberAsync();
        var id = await member.CreateTokenAsync("short-lived", 1);
        var formBefore = await member.GetAsync($"/tokens/{id}/edit");

        app.Time.Advance(TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/tokens/{id}/edit")).Status);

        app.Time.Advance(TimeSpan.FromSeconds(1));
        var get = await member.GetAsync($"/tokens/{id}/edit");
        var post = await member.SubmitAsync(formBefore.Form(), new Dictionary<string, string> { ["Description"] = "revived", ["TimeoutDays"] = "30" });

        Assert.Equal(HttpStatusCode.Conflict, get.Status);
        Assert.Contains(TokenText.ExpiredMessage, get.Text);
        Assert.Equal(HttpStatusCode.Conflict, post.Status);
        Assert.Contains(TokenText.ExpiredMessage, post.Text);
        var stored = await app.WithDbAsync(db => db.Tokens.FindAsync(id).AsTask());
        Assert.Equal("short-lived", stored!.Description);
    }

    [Fact]
    public async Task Saving_one_second_before_expiry_restarts_the_timeout()
    {
        var (member, _) = await app.SignInMemberAsync();
        var id = await member.CreateTokenAsync("renewed", 1);
        app.Time.Advance(TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1));

        var form = await member.GetAsync($"/tokens/{id}/edit");
        var saved = await member.SubmitAsync(form.Form(), new Dictionary<string, string> { ["TimeoutDays"] = "7" });

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal(app.Time.GetUtcNow().AddDays(7), (await app.WithDbAsync(db => db.Tokens.FindAsync(id).AsTask()))!.ExpiresAt);
    }

    [Fact]
    public async Task List_shows_expired_badge_disabled_pencil_and_still_offers_delete()
    {
        var (member, _) = await app.SignInMemberAsync();
        var expired = await member.CreateTokenAsync("old", 2);
        app.Time.Advance(TimeSpan.FromDays(3));
        var soon = await member.CreateTokenAsync("soon", 7);
        var active = await member.CreateTokenAsync("fresh", 8);

        var list = await member.GetAsync("/tokens");

        var expiredRow = list.Row(expired)!;
        Assert.Equal("Expired", expiredRow.QuerySelector("td[data-label='Status'] .badge")!.TextContent);
        Assert.Contains("token-expired", expiredRow.ClassList);
        Assert.Contains("expired 1 day ago", expiredRow.TextContent);
        Assert.Null(expiredRow.QuerySelector($"a[href='/tokens/{expired}/edit']"));
        Assert.True(expiredRow.QuerySelector("button:has(.bi-pencil)")!.HasAttribute("disabled"));
        Assert.Equal(TokenText.ExpiredMessage, expiredRow.QuerySelector("[title] > button:has(.bi-pencil)")!.ParentElement!.GetAttribute("title"));
        Assert.Equal("Expires soon", list.Row(soon)!.QuerySelector("td[data-label='Status'] .badge")!.TextContent);
        Assert.Equal("Active", list.Row(active)!.QuerySelector("td[data-label='Status'] .badge")!.TextContent);

        var confirm = await member.GetAsync($"/tokens/{expired}/delete");
        Assert.Equal(HttpStatusCode.Redirect, (await member.SubmitAsync(confirm.Form())).Status);
        Assert.Null((await member.GetAsync("/tokens")).Row(expired));
    }

    [Fact]
    public async Task Expired_token_can_still_be_revealed_by_its_owner()
    {
        var (member, _) = await app.SignInMemberAsync();
        var id = await member.CreateTokenAsync("expired but readable", 1);
        app.Time.Advance(TimeSpan.FromDays(2));
        await member.ConfirmIdentityAsync(TokensAppFactory.Password); // two days after signing in, Show asks first

        Assert.Null(TokenCode.FindFault(await member.RevealJsonAsync(id)));
    }
}
