using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Every bad input gets the form back with a message next to the field, or a 4xx page; nothing is lost.</summary>
public sealed class BadInputTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    public static TheoryData<string, string, string, string> BadForms => new()
    {
        { "", "15", "Description", "Enter a description." },
        { "   ", "15", "Description", "Enter a description." },
        { new string('x', 201), "15", "Description", "Keep the description to 200 characters or fewer." },
        { "ok", "0", "TimeoutDays", "Choose a timeout from 1 to 365 days." },
        { "ok", "-5", "TimeoutDays", "Choose a timeout from 1 to 365 days." },
        { "ok", "366", "TimeoutDays", "Choose a timeout from 1 to 365 days." },
        { "ok", "1.5", "TimeoutDays", "'1.5' is not a valid Timeout (days)." },
        { "ok", "ten", "TimeoutDays", "'ten' is not a valid Timeout (days)." },
        { "ok", "", "TimeoutDays", "Enter a timeout in days." },
        { "ok", "99999999999999", "TimeoutDays", "is not a valid Timeout (days)." },
        { "ok", "0x10", "TimeoutDays", "'0x10' is not a valid Timeout (days)." },
        { "ok", "0X0F", "TimeoutDays", "'0X0F' is not a valid Timeout (days)." },
        { "nul\0inside", "15", "Description", "The description can't contain control characters" },
        { "line\nbreak", "15", "Description", "The description can't contain control characters" },
        { "bell\u0007", "15", "Description", "The description can't contain control characters" },
    };

    [Theory]
    [MemberData(nameof(BadForms))]
    public async Task Add_with_bad_input_shows_the_form_again_with_the_message_by_the_field(string description, string timeout, string field, string message)
    {
        var (member, user) = await app.SignInMemberAsync();

        var result = await member.AddTokenAsync(description, timeout);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains(message, result.Document.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent);
        Assert.Equal(0, await app.WithDbAsync(db => Task.FromResult(db.Tokens.Count(t => t.OwnerId == user.Id))));
    }

    [Theory]
    [MemberData(nameof(BadForms))]
    public async Task Edit_with_bad_input_shows_the_form_again_and_keeps_the_token(string description, string timeout, string field, string message)
    {
        var (member, _) = await app.SignInMemberAsync();
        var id = await member.CreateTokenAsync("original", 15);
        var form = await member.GetAsync($"/tokens/{id}/edit");

        var result = await member.SubmitAsync(form.Form(), new Dictionary<string, string> { ["Description"] = description, ["TimeoutDays"] = timeout });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains(message, result.Document.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent);
        var stored = await app.WithDbAsync(db => db.Tokens.FindAsync(id).AsTask());
        Assert.Equal(("original", 15), (stored!.Description, stored.TimeoutDays));
    }

    [Fact]
    public async Task A_form_too_large_to_read_is_a_400_not_a_404_or_500()
    {
        var (member, _) = await app.SignInMemberAsync();

        // Past the framework's 4 MB limit for one form value: the form cannot even be read.
        var result = await member.AddTokenAsync(new string('x', 5_000_000), "15");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains("Bad request", result.Document.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Another_users_token_is_not_found_and_untouched()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var id = await owner.CreateTokenAsync("mine", 15);
        var (intruder, _) = await app.SignInMemberAsync();
        await intruder.CreateTokenAsync("theirs");
        var intruderForm = (await intruder.GetAsync("/tokens")).Form("form.reveal-form");
        var antiforgery = intruderForm.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = antiforgery, ["Description"] = "pwned", ["TimeoutDays"] = "1" };

        Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"/tokens/{id}/edit")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"/tokens/{id}/delete")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.PostRawAsync($"/tokens/{id}/edit", fields)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.PostRawAsync($"/tokens/{id}/delete", fields)).Status);
        var reveal = await intruder.PostRawAsync($"/tokens/{id}/reveal", fields);
        Assert.Equal(HttpStatusCode.NotFound, reveal.Status);
        Assert.DoesNotContain(TokenCode.Prefix, reveal.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("mine", (await intruder.GetAsync("/tokens")).Text);

        var stored = await app.WithDbAsync(db => db.Tokens.FindAsync(id).AsTask());
        Assert.Equal(("mine", 15), (stored!.Description, stored.TimeoutDays));
        // Nor is anything recorded against it: a refused deletion leaves no "deleted" entry in anyone's history.
        var recorded = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.TokenId == id).Select(a => a.Action).ToListAsync());
        Assert.Equal([AuditActions.TokenCreated], recorded);
    }

    [Theory]
    [InlineData("/tokens/{id}/edit")]
    [InlineData("/tokens/{id}/delete")]
    [InlineData("/tokens/not-a-guid/edit")]
    [InlineData("/tokens/nowhere")]
    public async Task Unknown_token_is_a_friendly_404(string url)
    {
        var (member, _) = await app.SignInMemberAsync();

        var page = await member.GetAsync(url.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("Not found", page.Document.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Two_people_saving_the_same_token_the_second_is_told_it_changed()
    {
        var (member, _) = await app.SignInMemberAsync();
        var id = await member.CreateTokenAsync("shared", 15);
        var firstTab = await member.GetAsync($"/tokens/{id}/edit");
        var secondTab = await member.GetAsync($"/tokens/{id}/edit");

        var first = await member.SubmitAsync(firstTab.Form(), new Dictionary<string, string> { ["Description"] = "first wins" });
        var second = await member.SubmitAsync(secondTab.Form(), new Dictionary<string, string> { ["Description"] = "second" });

        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.Contains(TokenText.ConflictMessage, second.Text);
        Assert.Equal("first wins", (await app.WithDbAsync(db => db.Tokens.FindAsync(id).AsTask()))!.Description);

        // Having seen the message, saving again is a deliberate choice and goes through.
        var again = await member.SubmitAsync(second.Form());
        Assert.Equal(HttpStatusCode.Redirect, again.Status);
        Assert.Equal("second", (await app.WithDbAsync(db => db.Tokens.FindAsync(id).AsTask()))!.Description);
    }
}
