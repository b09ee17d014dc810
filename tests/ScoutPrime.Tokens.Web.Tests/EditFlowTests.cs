using System.Net;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>The Edit POST reads the token once and answers from what the service returned.</summary>
public sealed class EditFlowTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Fact]
    public async Task Saving_reads_the_token_once()
    {
        var (member, _) = await app.SignInMemberAsync();
        var id = await member.CreateTokenAsync("read once");
        var form = await member.GetAsync($"/tokens/{id}/edit");
        var before = Reads();

        var saved = await member.SubmitAsync(form.Form(), new Dictionary<string, string> { ["Description"] = "still read once" });

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal(1, Reads() - before);
    }

    [Fact]
    public async Task A_conflict_shows_the_stored_values_after_one_read()
    {
        var (member, _) = await app.SignInMemberAsync();
        var id = await member.CreateTokenAsync("v1");
        var stale = await member.GetAsync($"/tokens/{id}/edit");
        await member.EditTokenAsync(id, "v2", 20);
        var before = Reads();

        var conflict = await member.SubmitAsync(stale.Form(), new Dictionary<string, string> { ["Description"] = "mine" });

        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Equal(1, Reads() - before);
        Assert.Contains(TokenText.ConflictMessage, conflict.Text);
        Assert.Equal("Edit token 'v2' · scoutPRIME", conflict.Document.Title);
    }

    [Fact]
    public async Task The_forms_show_the_limits_the_validation_uses()
    {
        var (member, _) = await app.SignInMemberAsync();
        var id = await member.CreateTokenAsync("limits");

        foreach (var url in new[] { "/tokens/new", $"/tokens/{id}/edit" })
        {
            var page = await member.GetAsync(url);
            Assert.Equal("200", page.Document.QuerySelector("#Description")!.GetAttribute("maxlength"));
            Assert.Equal("365", page.Document.QuerySelector("#TimeoutDays")!.GetAttribute("max"));
            Assert.Contains("From 1 to 365 days.", page.Document.QuerySelector("#TimeoutDays-help")!.TextContent);
        }
    }

    private int Reads() => app.Commands.CountContaining("FROM \"ApiTokens\"");
}
