using System.Net;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>The administrators' Tokens screen on seeded tokens (see <see cref="InventoryFixture"/>): filters, counts, sorting, paging.</summary>
public sealed class InventoryTests(InventoryFixture seeded) : IClassFixture<InventoryFixture>
{
    public const string A1 = "=HYPERLINK(\"http://evil\")";
    private const string A2 = "A2 expiring, never used";
    private const string A3 = "A3 expired, used";
    private const string B1 = "B1 idle, deploy, \"prod\"";
    private const string B2 = "B2 new, never used";
    private const string C1 = "C1 expired long ago";
    private const string Seeded = "Owner=" + InventoryFixture.Domain;

    public static TheoryData<string, string[]> Filters => new()
    {
        { "", [B2, A3, A2, A1, B1, C1] },
        { "&Status=Active", [B2, A2, A1, B1] },
        { "&Status=Expiring", [A2] },
        { "&Status=Expired", [A3, C1] },
        { "&NeverUsed=true", [B2, A2, C1] },
        // Idle: no call for 30 days, a never-used token counted from its creation.
        { "&IdleDays=30", [A2, B1, C1] },
        // 60 days before 2026-11-01 09:00 is 2026-09-02 09:00; "before 2026-09-02" is before its midnight (UTC).
        { "&CreatedBefore=2026-09-02", [A1, B1, C1] },
        { "&Status=Active&NeverUsed=true&IdleDays=30", [A2] },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Each_filter_lists_exactly_its_tokens_newest_first(string query, string[] expected)
    {
        using var admin = await seeded.SignInAdministratorAsync();

        var page = await admin.GetAsync($"/admin/tokens?{Seeded}{query}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(expected, Descriptions(page));
        Assert.Contains($"{expected.Length} {(expected.Length == 1 ? "token matches" : "tokens match")}", page.Text);
    }

    [Fact]
    public async Task Owner_search_ignores_case_and_combines_with_status()
    {
        using var admin = await seeded.SignInAdministratorAsync();

        Assert.Equal([A3, A2, A1], Descriptions(await admin.GetAsync("/admin/tokens?Owner=ALICE@INV")));
        Assert.Equal([A3], Descriptions(await admin.GetAsync("/admin/tokens?Owner=alice&Status=Expired")));
        Assert.Empty(Descriptions(await admin.GetAsync("/admin/tokens?Owner=nobody-here")));
    }

    [Fact]
    public async Task Counts_per_status_and_never_used_apply_the_other_filters()
    {
        using var admin = await seeded.SignInAdministratorAsync();

        var page = await admin.GetAsync($"/admin/tokens?{Seeded}&Status=Expired");

        // Each count says what changing that one field would give: the statuses ignore the chosen status, "never used" keeps it.
        Assert.Equal(["Any (6)", "Active (4)", "Expiring soon (1)", "Expired (2)", "Suspended (0)", "Replaced (0)"], Options(page));
        Assert.Equal("Never used (1)", page.Document.QuerySelector("label[for=NeverUsed]")!.TextContent.Trim());
        var alice = await admin.GetAsync("/admin/tokens?Owner=alice&NeverUsed=true");
        Assert.Equal(["Any (1)", "Active (1)", "Expiring soon (1)", "Expired (0)", "Suspended (0)", "Replaced (0)"], Options(alice));
        Assert.Equal("Never used (1)", alice.Document.QuerySelector("label[for=NeverUsed]")!.TextContent.Trim());
        Assert.Equal([A2], Descriptions(alice));
    }

    public static TheoryData<string, string[]> Sorts => new()
    {
        { "&Sort=Created&Reverse=true", [C1, B1, A1, A2, A3, B2] },
        { "&Sort=Expires", [B1, A1, B2, A2, A3, C1] },
        { "&Sort=Expires&Reverse=true", [C1, A3, A2, B2, A1, B1] },
        // Never-used tokens come last, in no order the test relies on (sorted here by description).
        { "&Sort=LastUsed&Status=Active", [A1, B1, A2, B2] },
        // Owners A to Z, each owner's tokens newest first.
        { "&Sort=Owner", [A3, A2, A1, B2, B1, C1] },
        { "&Sort=Owner&Reverse=true", [C1, B2, B1, A3, A2, A1] },
    };

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task Sorting_orders_by_the_chosen_column(string query, string[] expected)
    {
        using var admin = await seeded.SignInAdministratorAsync();

        var page = await admin.GetAsync($"/admin/tokens?{Seeded}{query}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var listed = Descriptions(page);
        Assert.Equal(expected, query.Contains("LastUsed", StringComparison.Ordinal) ? [.. listed[..2], .. listed[2..].Order(StringComparer.Ordinal)] : listed);
    }

    [Fact]
    public async Task Sort_links_reverse_the_sorted_column_and_keep_the_filter()
    {
        using var admin = await seeded.SignInAdministratorAsync();
        var page = await admin.GetAsync($"/admin/tokens?{Seeded}&Status=Active&Sort=Expires");

        var expires = page.Document.QuerySelectorAll("th a.sort-link").Single(a => a.TextContent.StartsWith("Expires", StringComparison.Ordinal));
        Assert.Equal("descending", expires.ParentElement!.GetAttribute("aria-sort"));
        var reversed = await admin.GetAsync(expires.GetAttribute("href")!);

        Assert.Equal([A2, B2, A1, B1], Descriptions(reversed));
    }

    [Fact]
    public async Task Pages_hold_fifty_tokens_each_once_and_the_pager_keeps_the_filter()
    {
        using var admin = await seeded.SignInAdministratorAsync();
        var seen = new List<string>();
        var url = $"/admin/tokens?Owner={InventoryFixture.Pager}";
        for (var i = 1; i <= 3; i++)
        {
            var page = await admin.GetAsync(url);
            Assert.Contains($"page {i} of 3", page.Text);
            seen.AddRange(Descriptions(page));
            url = page.Document.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        }

        Assert.Equal(Enumerable.Range(0, InventoryFixture.PagerTokens).Select(i => $"page token {i:000}"), seen);
        // A page past the last shows the last, as the Group members screen does.
        Assert.Contains("page 3 of 3", (await admin.GetAsync($"/admin/tokens?Owner={InventoryFixture.Pager}&PageNumber=99")).Text);
    }

    [Fact]
    public async Task The_screen_shows_metadata_and_never_a_code()
    {
        using var admin = await seeded.SignInAdministratorAsync();

        var page = await admin.GetAsync($"/admin/tokens?{Seeded}");

        Assert.DoesNotContain(SeededTokens.FakeProtectedCode, page.Html);
        Assert.DoesNotContain("scp_", page.Html);
        Assert.Equal("bob@inv.test", page.Document.QuerySelector("td.token-owner a")!.TextContent);
    }

    public static TheoryData<string, string> BadFilters => new()
    {
        { "IdleDays=0", "Choose idle days from 1 to 3650." },
        { "IdleDays=-5", "Choose idle days from 1 to 3650." },
        { "IdleDays=99999", "Choose idle days from 1 to 3650." },
        { "IdleDays=abc", "is not a valid" },
        { "Status=Suspendedish", "is not a valid" },
        { "Sort=Colour", "is not a valid" },
        { "CreatedBefore=2026-13-45", "is not a valid" },
    };

    [Theory]
    [MemberData(nameof(BadFilters))]
    public async Task A_bad_filter_redisplays_the_form_with_a_message_and_400(string query, string message)
    {
        using var admin = await seeded.SignInAdministratorAsync();

        var page = await admin.GetAsync($"/admin/tokens?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(message, page.Document.QuerySelector(".invalid-feedback")?.TextContent ?? page.Text);
        Assert.Empty(Descriptions(page));
    }

    [Fact]
    public async Task An_owner_search_longer_than_any_email_is_refused_with_400()
    {
        using var admin = await seeded.SignInAdministratorAsync();

        var page = await admin.GetAsync($"/admin/tokens?Owner={new string('x', 257)}");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("256 characters or fewer", page.Text);
    }

    internal static string[] Descriptions(Page page) =>
        [.. page.Document.QuerySelectorAll("table.inventory-table tbody td.token-description").Select(td => td.TextContent)];

    private static string[] Options(Page page) =>
        [.. page.Document.QuerySelectorAll("select#Status option").Select(o => o.TextContent.Trim())];
}
