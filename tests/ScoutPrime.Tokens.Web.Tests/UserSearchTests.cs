using System.Net;
using ScoutPrime.Tokens.Web.Admin;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Search, paging and the members-only filter over 200 users; hostile searches are just searches.</summary>
public sealed class UserSearchTests : IClassFixture<SeededUsers>
{
    private readonly SeededUsers _seeded;

    public UserSearchTests(SeededUsers seeded) => _seeded = seeded;

    public static TheoryData<string> HostileSearches => new()
    {
        "' OR '1'='1",
        "\"; DROP TABLE AspNetUsers; --",
        "%",
        "_",
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        new string('a', 10_000),
    };

    [Fact]
    public async Task Users_are_listed_25_a_page_in_email_order()
    {
        using var admin = await SignInAdminAsync();

        var first = await admin.GetAsync($"/admin/users?q={SeededUsers.Domain}");
        var second = await admin.GetAsync(first.Document.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        var last = await admin.GetAsync($"/admin/users?q={SeededUsers.Domain}&pageNumber=8");
        var beyond = await admin.GetAsync($"/admin/users?q={SeededUsers.Domain}&pageNumber=999");

        Assert.Equal(Enumerable.Range(0, 25).Select(SeededUsers.EmailOf), Emails(first));
        Assert.Equal(Enumerable.Range(25, 25).Select(SeededUsers.EmailOf), Emails(second));
        Assert.Equal(Enumerable.Range(175, 25).Select(SeededUsers.EmailOf), Emails(last));
        Assert.Contains("200 users · page 1 of 8", first.Text);
        Assert.Contains("disabled", last.Document.QuerySelector("a[rel=next]")!.ParentElement!.ClassName);
        Assert.Equal(Emails(last), Emails(beyond));
    }

    [Theory]
    [InlineData("USER042@PAGING", "user042@paging.test", 1)]
    [InlineData("Seed.Person042", "user042@paging.test", 1)]
    [InlineData("user19", "user190@paging.test", 10)]
    public async Task Search_matches_email_or_name_ignoring_case(string search, string firstEmail, int count)
    {
        using var admin = await SignInAdminAsync();

        var page = await admin.GetAsync($"/admin/users?q={Uri.EscapeDataString(search)}");

        Assert.Equal(firstEmail, Emails(page).First());
        Assert.Equal(count, Emails(page).Count);
    }

    [Fact]
    public async Task Members_only_lists_the_group()
    {
        using var admin = await SignInAdminAsync();

        var page = await admin.GetAsync($"/admin/users?q={SeededUsers.Domain}&members=true");

        Assert.Contains("50 users · page 1 of 2", page.Text);
        Assert.All(page.Document.QuerySelectorAll("tbody td.membership"), cell => Assert.Equal("Member", cell.TextContent.Trim()));
        Assert.Equal(SeededUsers.EmailOf(4), Emails(page)[1]);
        Assert.Equal("true", page.Document.QuerySelector("a[rel=next]")!.GetAttribute("href")!.Split("members=")[1][..4]);
    }

    [Fact]
    public async Task Each_row_counts_active_and_expired_tokens_and_the_page_costs_the_same_queries_as_one_row()
    {
        using var admin = await SignInAdminAsync();

        var (one, oneQueries) = await CountQueriesAsync(admin, "/admin/users?q=user007@");
        var (full, fullQueries) = await CountQueriesAsync(admin, $"/admin/users?q={SeededUsers.Domain}");

        var row = one.Document.QuerySelector("tbody tr")!;
        Assert.Equal(("2", "1"), (row.QuerySelector(".active-count")!.TextContent, row.QuerySelector(".expired-count")!.TextContent));
        Assert.Equal(25, Emails(full).Count);
        Assert.Equal(oneQueries, fullQueries);
    }

    [Theory]
    [MemberData(nameof(HostileSearches))]
    public async Task Hostile_search_is_answered_as_an_ordinary_search(string search)
    {
        using var admin = await SignInAdminAsync();

        var page = await admin.GetAsync($"/admin/users?q={Uri.EscapeDataString(search)}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("No users match.", page.Text);
        var box = page.Document.QuerySelector("input[name=q]")!.GetAttribute("value")!;
        Assert.Equal(search[..Math.Min(search.Length, UserDirectory.MaxSearchLength)], box);
        Assert.DoesNotContain("<script>alert", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", page.Html, StringComparison.Ordinal);
        Assert.True(page.Html.Length < 20_000, "the search is echoed once, capped, not into every link");
        Assert.Contains("200 users", (await admin.GetAsync($"/admin/users?q={SeededUsers.Domain}")).Text);
    }

    private static List<string> Emails(Page page) =>
        page.Document.QuerySelectorAll("tbody tr td:first-child a").Select(a => a.TextContent).ToList();

    private async Task<(Page Page, int Queries)> CountQueriesAsync(BrowserClient browser, string url)
    {
        var before = ExecutedCommands();
        var page = await browser.GetAsync(url);
        return (page, ExecutedCommands() - before);
    }

    private int ExecutedCommands() => _seeded.App.Logs.Lines.Count(l => l.Contains("Executed DbCommand", StringComparison.Ordinal));

    private async Task<BrowserClient> SignInAdminAsync() => (await _seeded.App.SignInNewUserAsync(Roles.Administrators)).Browser;
}
