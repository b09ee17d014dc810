using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ScoutPrime.Tokens.BrowserTests.Infrastructure;
using ScoutPrime.Tokens.Web.Admin.Inventory;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Lifecycle;
using ScoutPrime.Tokens.Web.Tokens;
using static Microsoft.Playwright.Assertions;

namespace ScoutPrime.Tokens.BrowserTests;

/// <summary>
/// The administrators' Tokens screen (avatar → Tokens): filters with their counts, sorting, the CSV export and the bulk
/// revoke, by keyboard, with and without JavaScript. Each test's owners share a domain of their own, and the owner
/// filter is that domain, so the tests of this class do not see each other's tokens.
/// </summary>
public sealed class AdminInventoryTests(Chromium chromium, BrowserApp app) : BrowserTest(chromium, app)
{
    [SkippableFact]
    public Task Keyboard_alone_filters_sorts_and_exports_with_counts_per_filter() => RunAsync(async page =>
    {
        var domain = await SeedFleetAsync();
        await OpenTokensScreenByKeyboardAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tokens", Level = 1 })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync(); // every token, unfiltered

        await page.TabToAsync(page.GetByLabel("Owner email"));
        await page.Keyboard.TypeAsync(domain);
        await page.Keyboard.PressAsync("Enter");
        await Expect(Summary(page)).ToHaveTextAsync("4 tokens match · page 1 of 1");
        await Expect(page.Locator("#Status option")).ToHaveTextAsync(
            ["Any (4)", "Active (4)", "Expiring soon (1)", "Expired (0)", "Suspended (1)", "Replaced (0)"]);
        await Expect(page.GetByText("Never used (2)")).ToBeVisibleAsync();

        await page.TabToAsync(SortLink(page, "Owner"));
        await page.Keyboard.PressAsync("Enter");
        await Expect(Owners(page)).ToHaveTextAsync([$"alice@{domain}", $"alice@{domain}", $"bob@{domain}", $"bob@{domain}"]);
        await Expect(page.GetByRole(AriaRole.Columnheader).Filter(new() { Has = SortLink(page, "Owner") })).ToHaveAttributeAsync("aria-sort", "ascending");
        await page.TabToAsync(SortLink(page, "Owner"));
        await page.Keyboard.PressAsync("Enter");
        await Expect(Owners(page)).ToHaveTextAsync([$"bob@{domain}", $"bob@{domain}", $"alice@{domain}", $"alice@{domain}"]);
        await Expect(page.GetByRole(AriaRole.Columnheader).Filter(new() { Has = SortLink(page, "Owner") })).ToHaveAttributeAsync("aria-sort", "descending");

        await page.TabToAsync(SortLink(page, "Last used"));
        await page.Keyboard.PressAsync("Enter");
        await Expect(Descriptions(page).Nth(0)).ToHaveTextAsync("Alpha CI"); // most recent first, never used last
        await Expect(Descriptions(page).Nth(1)).ToHaveTextAsync("Bravo report");
        await Expect(Rows(page).Nth(0).Locator(".token-last-used")).Not.ToHaveTextAsync("Never");
        await Expect(Rows(page).Nth(3).Locator(".token-last-used")).ToHaveTextAsync("Never");
        await page.AssertNoSeriousViolationsAsync(); // filtered and sorted

        // Typing a letter on a closed list box picks the first option starting with it, as a person does.
        await page.TabToAsync(page.GetByLabel("Status"));
        await page.Keyboard.TypeAsync("Su");
        await page.TabToAsync(page.GetByRole(AriaRole.Button, new() { Name = "Filter" }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(Summary(page)).ToHaveTextAsync("1 token matches · page 1 of 1");
        await Expect(Descriptions(page)).ToHaveTextAsync(["Bravo backup"]);
        await Expect(Rows(page).Locator(".token-status")).ToHaveTextAsync(new Regex(@"^\s*Active\s+Suspended\s*$"));
        await Expect(page.GetByLabel("Owner email")).ToHaveValueAsync(domain);

        await page.TabToAsync(page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }));
        var download = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("Enter"));
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.Equal(InventoryCsv.Header, csv[0]);
        Assert.Equal(2, csv.Length);
        Assert.Contains($",Bravo backup,bob@{domain},", csv[1], StringComparison.Ordinal);
        Assert.DoesNotContain("scp_", string.Join('\n', csv), StringComparison.Ordinal);

        await page.GetByLabel("Status").SelectOptionAsync("Any");
        await page.GetByLabel("Idle for (days)").FillAsync("30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(Descriptions(page)).ToHaveTextAsync(["Bravo report"]); // used 40 days ago; the rest are new or used yesterday
    });

    [SkippableFact]
    public Task Bulk_revoke_asks_for_a_reason_on_one_confirmation_then_revokes_only_the_filtered_tokens() => RunAsync(async page =>
    {
        var domain = await SeedFleetAsync();
        await page.SignInAsync(BrowserApp.AdminEmail);
        await page.GotoAsync($"/admin/tokens?Owner={domain}&NeverUsed=true");
        await Expect(Summary(page)).ToHaveTextAsync("2 tokens match · page 1 of 1");

        await page.GetByRole(AriaRole.Link, new() { Name = "Revoke these tokens" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Revoke 2 tokens?" })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke 2 tokens" }).ClickAsync();
        await Expect(page.GetByText("Enter a reason: it is recorded with each token and told to its owner.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Reason")).ToHaveAttributeAsync("aria-describedby", "Reason-help Reason-error");
        await page.AssertNoSeriousViolationsAsync(); // the reason's error

        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();
        await Expect(Summary(page)).ToHaveTextAsync("2 tokens match · page 1 of 1"); // nothing revoked, same filter

        await page.GetByRole(AriaRole.Link, new() { Name = "Revoke these tokens" }).ClickAsync();
        await page.GetByLabel("Reason").FillAsync("Leaked in a chat");
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke 2 tokens" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "2 tokens revoked." })).ToBeFocusedAsync();
        await Expect(page.GetByText("No tokens match.")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync(); // the flash and the empty list

        await page.GetByLabel("Never used").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(Rows(page)).ToHaveCountAsync(2);
        await Expect(Descriptions(page).Filter(new() { HasText = "Alpha CI" })).ToBeVisibleAsync();
        await Expect(Descriptions(page).Filter(new() { HasText = "Bravo report" })).ToBeVisibleAsync();
    });

    [SkippableFact]
    public Task Without_JavaScript_the_keyboard_filters_exports_and_bulk_revokes() => RunAsync(async page =>
    {
        var domain = await SeedFleetAsync();
        await OpenTokensScreenByKeyboardAsync(page);

        await page.TabToAsync(page.GetByLabel("Owner email"));
        await page.Keyboard.TypeAsync(domain);
        await page.TabToAsync(page.GetByLabel("Never used"));
        await page.Keyboard.PressAsync("Space");
        await page.TabToAsync(page.GetByRole(AriaRole.Button, new() { Name = "Filter" }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(Summary(page)).ToHaveTextAsync("2 tokens match · page 1 of 1");

        await page.TabToAsync(page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }));
        var download = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("Enter"));
        Assert.Equal(3, (await File.ReadAllLinesAsync((await download.PathAsync())!)).Length); // the header and 2 tokens

        await page.TabToAsync(page.GetByRole(AriaRole.Link, new() { Name = "Revoke these tokens" }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Revoke 2 tokens?" })).ToBeVisibleAsync();
        await page.TabToAsync(page.GetByLabel("Reason"));
        await page.Keyboard.TypeAsync("Never used, found in an audit");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "2 tokens revoked." })).ToBeVisibleAsync();
        await Expect(page.GetByText("No tokens match.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Never used")).ToBeCheckedAsync(); // back on the same filter
    }, WithoutJavaScript());

    private static ILocator Rows(IPage page) => page.Locator("table.inventory-table tbody tr");

    private static ILocator Owners(IPage page) => Rows(page).Locator(".token-owner");

    private static ILocator Descriptions(IPage page) => Rows(page).Locator(".token-description");

    // The visually hidden part is read as its own word: "Owner , sort".
    private static ILocator SortLink(IPage page, string column) =>
        page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^{Regex.Escape(column)} ?, sort$") });

    private static ILocator Summary(IPage page) => page.Locator(".inventory-summary");

    /// <summary>
    /// Two owners in a domain of their own, four tokens: alice's "Alpha CI" (30 days, used yesterday) and "Alpha laptop"
    /// (3 days: expiring soon, never used); bob's "Bravo backup" (60 days, suspended, never used) and "Bravo report"
    /// (90 days, used 40 days ago). Returns the domain, which the owner filter matches.
    /// </summary>
    private async Task<string> SeedFleetAsync()
    {
        var domain = $"fleet-{Guid.NewGuid():N}"[..14] + ".test";
        await using var scope = App.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var tokens = services.GetRequiredService<TokenService>();
        var db = services.GetRequiredService<TokensDbContext>();
        var now = App.Time.GetUtcNow();

        async Task<string> OwnerAsync(string name)
        {
            var user = new AppUser { UserName = $"{name}@{domain}", Email = $"{name}@{domain}", EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user)).Succeeded);
            return user.Id;
        }

        async Task<Guid> TokenAsync(string ownerId, string description, int days, TimeSpan? usedAgo = null)
        {
            var id = (await tokens.CreateAsync(ownerId, description, days, CancellationToken.None))!.Value;
            if (usedAgo is { } ago)
            {
                await db.Set<ApiToken>().Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now - ago));
            }

            return id;
        }

        var (alice, bob) = (await OwnerAsync("alice"), await OwnerAsync("bob"));
        await TokenAsync(alice, "Alpha CI", 30, TimeSpan.FromDays(1));
        await TokenAsync(alice, "Alpha laptop", 3);
        var backup = await TokenAsync(bob, "Bravo backup", 60);
        await TokenAsync(bob, "Bravo report", 90, TimeSpan.FromDays(40));
        var (outcome, _) = await services.GetRequiredService<TokenSuspension>().SetAsync(bob, backup, suspend: true, CancellationToken.None);
        Assert.Equal(SuspensionOutcome.Done, outcome);
        return domain;
    }

    /// <summary>Signs the administrator in, then avatar menu → Tokens with the keyboard alone.</summary>
    private static async Task OpenTokensScreenByKeyboardAsync(IPage page)
    {
        await page.SignInAsync(BrowserApp.AdminEmail);
        await page.TabToAsync(page.Avatar());
        await page.Keyboard.PressAsync("Enter");
        await page.TabToAsync(page.GetByRole(AriaRole.Link, new() { Name = "Tokens", Exact = true }));
        await page.Keyboard.PressAsync("Enter");
    }
}
