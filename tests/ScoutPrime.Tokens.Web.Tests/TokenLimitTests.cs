using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary><c>Tokens:MaxPerUser</c>: the screens say so before the cap, refuse at it, and parallel posts can't pass it.</summary>
public sealed class TokenLimitTests : IDisposable
{
    private const int Cap = 3;

    private readonly TokensAppFactory _app = TokensAppFactory.Dedicated().With("Tokens:MaxPerUser", Cap.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task At_the_cap_Add_Token_is_refused_with_a_message_and_the_screens_say_so_first()
    {
        var (member, user) = await _app.SignInMemberAsync();
        var formBeforeTheCap = await member.GetAsync("/tokens/new");
        for (var i = 0; i < Cap; i++)
        {
            await member.CreateTokenAsync($"token {i}");
        }

        var list = await member.GetAsync("/tokens");
        Assert.Null(list.Document.QuerySelector("main a[href='/tokens/new']"));
        Assert.True(list.Document.QuerySelector("main button:has(.bi-plus-lg)")!.HasAttribute("disabled"));
        Assert.Contains($"You have {Cap} tokens, and {Cap} is the most one person may have.", list.Document.QuerySelector(".token-limit")!.TextContent);

        var form = await member.GetAsync("/tokens/new");
        Assert.Contains("Delete one you no longer need", form.Document.QuerySelector(".token-limit")!.TextContent);
        Assert.True(form.Document.QuerySelector("main form button[type=submit]")!.HasAttribute("disabled"));

        var refused = await member.SubmitAsync(formBeforeTheCap.Form(), new Dictionary<string, string> { ["Description"] = "one too many", ["TimeoutDays"] = "15" });
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains($"{Cap} is the most one person may have", refused.Document.QuerySelector("[role=alert].token-limit")!.TextContent);
        Assert.Equal("one too many", refused.Document.QuerySelector<IHtmlInputElement>("#Description")!.Value);
        Assert.Equal(Cap, await CountAsync(user.Id));

        // Deleting one gives the button back.
        var first = (await member.GetAsync("/tokens")).Document.QuerySelector("tbody tr")!.Id!["token-".Length..];
        await member.DeleteTokenAsync(Guid.Parse(first));
        Assert.NotNull((await member.GetAsync("/tokens")).Document.QuerySelector("main a[href='/tokens/new']"));
        Assert.Equal(HttpStatusCode.Redirect, (await member.AddTokenAsync("room again", "15")).Status);
    }

    [Fact]
    public async Task Parallel_creates_never_pass_the_cap()
    {
        var (member, user) = await _app.SignInMemberAsync();
        var form = (await member.GetAsync("/tokens/new")).Form();

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            member.SubmitAsync(form, new Dictionary<string, string> { ["Description"] = $"parallel {i}", ["TimeoutDays"] = "15" })));

        Assert.Equal(Cap, results.Count(r => r.Status == HttpStatusCode.Redirect));
        Assert.All(results.Where(r => r.Status != HttpStatusCode.Redirect), r => Assert.Equal(HttpStatusCode.Conflict, r.Status));
        Assert.Equal(Cap, await CountAsync(user.Id));
    }

    [Fact]
    public async Task Another_users_tokens_do_not_count_against_the_cap()
    {
        var (full, _) = await _app.SignInMemberAsync();
        for (var i = 0; i < Cap; i++)
        {
            await full.CreateTokenAsync($"token {i}");
        }

        var (other, _) = await _app.SignInMemberAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await other.AddTokenAsync("mine", "15")).Status);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("10001")]
    public void A_cap_out_of_range_stops_the_start(string value)
    {
        using var app = TokensAppFactory.Dedicated().With("Tokens:MaxPerUser", value);

        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.CreateClient());
        Assert.Contains("MaxPerUser", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _app.Dispose();

    private Task<int> CountAsync(string ownerId) => _app.WithDbAsync(db => Task.FromResult(db.Tokens.Count(t => t.OwnerId == ownerId)));
}
