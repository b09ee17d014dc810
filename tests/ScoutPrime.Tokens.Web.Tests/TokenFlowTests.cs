using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>The help article's workflow, step by step, as a member does it.</summary>
public sealed class TokenFlowTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Fact]
    public async Task Empty_list_invites_to_add_a_token()
    {
        var (member, _) = await app.SignInMemberAsync();

        var list = await member.GetAsync("/tokens");

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal("API Tokens · scoutPRIME", list.Document.Title);
        Assert.Contains("You have no API tokens yet", list.Text);
        Assert.NotNull(list.Document.QuerySelector("main a[href='/tokens/new']"));
    }

    [Fact]
    public async Task Created_token_appears_first_masked_and_highlighted()
    {
        var (member, _) = await app.SignInMemberAsync();
        await member.CreateTokenAsync("older");
        app.Time.Advance(TimeSpan.FromMinutes(1));

        var created = await member.AddTokenAsync("  SIEM export  ", "15");
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        Assert.Equal("/tokens", created.Location);

        var list = await member.GetAsync("/tokens");
        var rows = list.Document.QuerySelectorAll("tbody tr");
        Assert.Equal(["SIEM export", "older"], rows.Select(r => r.QuerySelector(".token-description")!.TextContent));
        Assert.Contains("token-new", rows[0].ClassList);
        Assert.Contains("Token 'SIEM export' created", list.Text);
        Assert.Contains("in 15 days", rows[0].TextContent);
        Assert.Equal("Active", rows[0].QuerySelector("td[data-label='Status'] .badge")!.TextContent);
        Assert.All(rows, r => Assert.Matches("^•+$", r.QuerySelector(".token-code")!.TextContent));
        Assert.DoesNotContain(TokenCode.Prefix, list.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_reveals_the_same_code_each_time_and_no_other_token()
    {
        var (member, _) = await app.SignInMemberAsync();
        var first = await member.CreateTokenAsync("first");
        var second = await member.CreateTokenAsync("second");

        var revealed = await member.ShowAsync(first);
        var code = revealed.Row(first)!.QuerySelector(".token-code")!.TextContent;

        Assert.Null(TokenCode.FindFault(code));
        Assert.True(revealed.Response.Headers.CacheControl?.NoStore);
        Assert.Equal("Hide", revealed.Row(first)!.QuerySelector(".token-toggle")!.TextContent);
        Assert.Single(revealed.Html.Split(code)[1..]);
        Assert.Matches("^•+$", revealed.Row(second)!.QuerySelector(".token-code")!.TextContent);
        Assert.Equal(code, await member.RevealJsonAsync(first));
        Assert.NotEqual(code, await member.RevealJsonAsync(second));

        var hidden = await member.GetAsync(revealed.Row(first)!.QuerySelector("a.token-toggle")!.GetAttribute("href")!);
        Assert.DoesNotContain(code, hidden.Html, StringComparison.Ordinal);
        Assert.Equal("Show", hidden.Row(first)!.QuerySelector(".token-toggle")!.TextContent);
    }

    [Fact]
    public async Task Each_reveal_is_recorded()
    {
        var (member, user) = await app.SignInMemberAsync();
        var id = await member.CreateTokenAsync();

        await member.ShowAsync(id);
        await member.RevealJsonAsync(id);

        var reveals = await app.WithDbAsync(db => Task.FromResult(db.AuditEntries.Count(e => e.TokenId == id && e.Action == "token.revealed" && e.ActorId == user.Id)));
        Assert.Equal(2, reveals);
    }

    [Fact]
    public async Task Edit_changes_description_and_restarts_the_timeout_but_never_the_code()
    {
        var (member, _) = await app.SignInMemberAsync();
        var id = await member.CreateTokenAsync("before", 15);
        var code = await member.RevealJsonAsync(id);
        app.Time.Advance(TimeSpan.FromDays(2));

        var form = await member.GetAsync($"/tokens/{id}/edit");
        Assert.Equal("Edit token 'before' · scoutPRIME", form.Document.Title);
        Assert.Equal("15", form.Document.QuerySelector<IHtmlInputElement>("#TimeoutDays")!.Value);
        Assert.DoesNotContain(code, form.Html, StringComparison.Ordinal);
        var saved = await member.SubmitAsync(form.Form(), new Dictionary<string, string>
        {
            ["Description"] = "after",
            ["TimeoutDays"] = "30",
            ["Code"] = "scp_attacker_chosen_code_000000000000",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var list = await member.GetAsync("/tokens");
        var row = list.Row(id)!;
        Assert.Equal("after", row.QuerySelector(".token-description")!.TextContent);
        Assert.Contains("in 30 days", row.TextContent);
        await member.ConfirmIdentityAsync(TokensAppFactory.Password); // two days after signing in, Show asks first
        Assert.Equal(code, await member.RevealJsonAsync(id));
        var stored = await app.WithDbAsync(db => db.Tokens.FindAsync(id).AsTask());
        Assert.Equal(app.Time.GetUtcNow().AddDays(30), stored!.ExpiresAt);
    }

    [Fact]
    public async Task Cancel_on_the_forms_goes_back_to_the_list_unchanged()
    {
        var (member, _) = await app.SignInMemberAsync();
        var id = await member.CreateTokenAsync("unchanged");

        var edit = await member.GetAsync($"/tokens/{id}/edit");
        var create = await member.GetAsync("/tokens/new");

        Assert.Equal("/tokens", edit.Document.QuerySelector("main a.btn:last-child")!.GetAttribute("href"));
        Assert.Equal("Cancel", edit.Document.QuerySelector("main a.btn:last-child")!.TextContent);
        Assert.Equal("/tokens", create.Document.QuerySelector("main a.btn:last-child")!.GetAttribute("href"));
        var list = await member.GetAsync("/tokens");
        Assert.Equal("unchanged", list.Row(id)!.QuerySelector(".token-description")!.TextContent);
    }

    [Fact]
    public async Task Delete_asks_first_No_keeps_the_token_and_Yes_removes_it()
    {
        var (member, _) = await app.SignInMemberAsync();
        var id = await member.CreateTokenAsync("doomed");

        var confirm = await member.GetAsync($"/tokens/{id}/delete");
        Assert.Contains("Delete token 'doomed'?", confirm.Text);
        var no = confirm.Document.QuerySelectorAll("main a").Single(a => a.TextContent == "No");
        Assert.Equal("/tokens", no.GetAttribute("href"));
        Assert.NotNull((await member.GetAsync("/tokens")).Row(id));

        var yes = await member.SubmitAsync(confirm.Form());
        Assert.Equal(HttpStatusCode.Redirect, yes.Status);

        var list = await member.GetAsync("/tokens");
        Assert.Null(list.Row(id));
        Assert.Contains("Token 'doomed' deleted", list.Text);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/tokens/{id}/delete")).Status);
    }
}
