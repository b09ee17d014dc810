using System.Net;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>What only the real server shows: its headers, HEAD on a kept-alive connection, what it refuses to send.</summary>
public sealed class KestrelTests : IAsyncLifetime
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"scoutprime-kestrel-{Guid.NewGuid():N}.db");
    private AppProcess _app = null!;

    public async Task InitializeAsync() => _app = await AppProcess.StartAsync(_database);

    [Fact]
    public async Task Responses_do_not_name_the_server()
    {
        using var http = new HttpClient { BaseAddress = _app.Address };

        var response = await http.GetAsync(new Uri("/healthz/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"), string.Join(", ", response.Headers.Server));
    }

    [Fact]
    public async Task HEAD_on_a_kept_alive_connection_leaves_it_usable()
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = _app.Address };

        foreach (var url in new[] { "/Identity/Account/Login", "/api/v1/ping", "/Identity/Account/Login" })
        {
            using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(url, UriKind.Relative)));
            Assert.Equal((url, HttpStatusCode.OK), (url, head.StatusCode));
        }

        var get = await http.GetAsync(new Uri("/api/v1/ping", UriKind.Relative));
        Assert.Equal("{\"status\":\"ok\"}", await get.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("/\\evil")]
    [InlineData("https:evil")]
    [InlineData("/tokens\r\nSet-Cookie: x=1")]
    [InlineData("/é")]
    public async Task A_bad_returnUrl_on_a_group_change_falls_back_to_the_users_page_and_the_change_holds(string returnUrl)
    {
        // Another user than the administrator: removal from the group ends the removed user's sessions.
        var email = $"kestrel-{Guid.NewGuid():N}@scoutprime.test";
        using (var newcomer = Browser())
        {
            var register = await newcomer.GetAsync("/Identity/Account/Register");
            await newcomer.SubmitAsync(register.Form("form#registerForm"), new Dictionary<string, string>
            {
                ["Input.Email"] = email,
                ["Input.Password"] = TokensAppFactory.Password,
                ["Input.ConfirmPassword"] = TokensAppFactory.Password,
            });
        }

        using var admin = Browser();
        await admin.SignInAsync(TokensAppFactory.AdminEmail, TokensAppFactory.Password);
        var row = (await admin.GetAsync($"/admin/users?q={Uri.EscapeDataString(email)}")).Document
            .QuerySelector("tr[id^='user-']")!;
        var id = row.Id!["user-".Length..];
        var details = $"/admin/users/{id}";

        var added = await admin.SubmitAsync((await admin.GetAsync(details)).Form("form.add-form"), new Dictionary<string, string> { ["returnUrl"] = returnUrl });
        var afterAdding = await admin.GetAsync(details);
        var confirmation = await admin.GetAsync($"{details}/group/remove");
        var removed = await admin.SubmitAsync(confirmation.Form(), new Dictionary<string, string> { ["returnUrl"] = returnUrl });

        Assert.Equal((HttpStatusCode.Redirect, details), (added.Status, added.Location));
        Assert.Contains("added to the API Tokens Group", afterAdding.Text);
        Assert.Equal((HttpStatusCode.Redirect, details), (removed.Status, removed.Location));
        Assert.Contains("removed from the API Tokens Group", (await admin.GetAsync(details)).Text);
    }

    private BrowserClient Browser() =>
        new(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _app.Address });

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        foreach (var suffix in new[] { "", "-shm", "-wal" })
        {
            File.Delete(_database + suffix);
        }
    }
}
