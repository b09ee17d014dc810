using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Playwright;
using ScoutPrime.Tokens.BrowserTests.Infrastructure;
using ScoutPrime.Tokens.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ScoutPrime.Tokens.BrowserTests;

/// <summary>The administrators' Resource servers screen: add (the secret shown once), list, delete with confirmation.</summary>
public sealed class ResourceServerBrowserTests(Chromium chromium, BrowserApp app) : BrowserTest(chromium, app)
{
    [SkippableFact]
    public Task Keyboard_alone_adds_a_resource_server_sees_its_secret_once_and_deletes_it() => RunAsync(async page =>
    {
        await page.SignInAsync(BrowserApp.AdminEmail);
        await page.TabToAsync(page.Avatar());
        await page.Keyboard.PressAsync("Enter");
        await page.TabToAsync(page.GetByRole(AriaRole.Link, new() { Name = "Resource servers" }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Resource servers", Level = 1 })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        await page.TabToAsync(page.GetByRole(AriaRole.Link, new() { Name = "Add resource server" }));
        await page.Keyboard.PressAsync("Enter");
        await page.TabToAsync(page.GetByLabel("Name"));
        await page.Keyboard.TypeAsync("Search API");
        await page.Keyboard.PressAsync("Enter");

        var (clientId, secret) = await ExpectCreatedAsync(page, "Search API");
        await page.TabToAsync(page.GetByRole(AriaRole.Link, new() { Name = "Done" }));
        await page.Keyboard.PressAsync("Enter");
        await ExpectListedOnceAsync(page, "Search API", clientId, secret);

        await page.TabToAsync(page.GetByRole(AriaRole.Link, new() { Name = "Delete Search API" }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Delete resource server 'Search API'?" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "No", Exact = true })).ToBeFocusedAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Yes" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await ExpectDeletedAsync(page, "Search API");
    });

    [SkippableFact]
    public Task Without_JavaScript_add_refuses_an_empty_name_then_adds_lists_and_deletes() => RunAsync(async page =>
    {
        await page.SignInAsync(BrowserApp.AdminEmail);
        await page.Avatar().ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Resource servers" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add resource server" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(page.GetByText("Enter a name.")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync(); // the form with its error

        await page.GetByLabel("Name").FillAsync("Exports");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        var (clientId, secret) = await ExpectCreatedAsync(page, "Exports");
        await page.GetByRole(AriaRole.Link, new() { Name = "Done" }).ClickAsync();
        await ExpectListedOnceAsync(page, "Exports", clientId, secret);

        await page.GetByRole(AriaRole.Link, new() { Name = "Delete Exports" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "No", Exact = true }).ClickAsync();
        await Expect(ServerRow(page, name: "Exports")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Link, new() { Name = "Delete Exports" }).ClickAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes" }).ClickAsync();

        await ExpectDeletedAsync(page, "Exports");
    }, WithoutJavaScript());

    /// <summary>The page after Create: the warning focused, the client id and secret; the secret works at the introspection endpoint.</summary>
    private async Task<(string ClientId, string Secret)> ExpectCreatedAsync(IPage page, string name)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Resource server '{name}' created" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("it is shown only this once");
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeFocusedAsync();
        var clientId = (await page.Locator("code.client-id").TextContentAsync())!;
        var secret = (await page.Locator("code.client-secret").TextContentAsync())!;
        Assert.False(string.IsNullOrWhiteSpace(secret));
        await page.AssertNoSeriousViolationsAsync();

        using var api = new HttpClient { BaseAddress = App.BaseAddress };
        using var introspect = new HttpRequestMessage(HttpMethod.Post, "/connect/introspect")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = "scp_not_a_real_token" }),
        };
        introspect.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));
        var answer = await api.SendAsync(introspect);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("{\"active\":false}", await answer.Content.ReadAsStringAsync());
        return (clientId, secret);
    }

    /// <summary>Listed with its client id, last used at the introspection above; the secret nowhere on the page.</summary>
    private async Task ExpectListedOnceAsync(IPage page, string name, string clientId, string secret)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Resource servers", Level = 1 })).ToBeVisibleAsync();
        var row = ServerRow(page, name);
        await Expect(row.Locator("code.client-id")).ToHaveTextAsync(clientId);
        await page.ReloadUntilAsync(row.Locator(".last-used", new() { HasText = DisplayText.DateAndTime(App.Time.GetUtcNow()) }));
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        await page.AssertNoSeriousViolationsAsync();
    }

    private static async Task ExpectDeletedAsync(IPage page, string name)
    {
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Resource server '{name}' deleted." })).ToBeVisibleAsync();
        await Expect(ServerRow(page, name)).ToHaveCountAsync(0);
        await page.AssertNoSeriousViolationsAsync();
    }

    private static ILocator ServerRow(IPage page, string name) =>
        page.Locator("tbody tr").Filter(new() { Has = page.Locator(".server-name", new() { HasText = name }) });
}
