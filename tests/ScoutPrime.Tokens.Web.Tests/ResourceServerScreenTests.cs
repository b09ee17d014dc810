using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Infrastructure;
using ScoutPrime.Tokens.Web.ResourceServers;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>The administrators' Resource servers screen: the secret shown once and stored hashed, delete confirmed, everything audited.</summary>
public sealed class ResourceServerScreenTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Fact]
    public async Task Created_server_shows_its_secret_once_and_stores_only_its_digest()
    {
        var (admin, user) = await app.SignInNewUserAsync(Roles.Administrators);

        var server = await admin.CreateResourceServerAsync("Search API");

        Assert.Matches("^rs_[0-9A-Za-z]{22}$", server.ClientId);
        Assert.Matches("^rss_[0-9A-Za-z]{43}$", server.Secret);
        var stored = await app.WithDbAsync(db => db.Set<ResourceServer>().AsNoTracking().SingleAsync(s => s.Id == server.Id));
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(server.Secret)), stored.SecretDigest);
        Assert.Equal(("Search API", user.Id, app.Time.GetUtcNow()), (stored.Name, stored.CreatedById, stored.CreatedAt));
        var list = await admin.GetAsync(ResourceServerScreens.Index);
        Assert.Contains(server.ClientId, list.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Secret, list.Html, StringComparison.Ordinal);
        Assert.Contains($"by {user.Email}", list.Document.GetElementById($"resource-server-{server.Id}")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Never", list.Document.QuerySelector($"#resource-server-{server.Id} .last-used")!.TextContent);
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(server.Secret[4..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Page_showing_the_secret_is_not_cached()
    {
        var (admin, _) = await app.SignInNewUserAsync(Roles.Administrators);
        var form = await admin.GetAsync(ResourceServerScreens.Index + "/new");

        var created = await admin.SubmitAsync(form.Form(), new Dictionary<string, string> { ["Name"] = "Cache check" });

        Assert.True(created.Response.Headers.CacheControl?.NoStore);
        Assert.Contains("shown only this once", created.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_and_delete_are_audited_in_the_administrators_history()
    {
        var (admin, user) = await app.SignInNewUserAsync(Roles.Administrators);
        var server = await admin.CreateResourceServerAsync("Audited API");

        var deleted = await admin.DeleteResourceServerAsync(server.Id);

        Assert.Equal(HttpStatusCode.Redirect, deleted.Status);
        Assert.Contains("'Audited API' deleted", (await admin.GetAsync(deleted.Location!)).Text, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ResourceServer>().CountAsync(s => s.Id == server.Id)));
        var entries = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.ActorId == user.Id).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([AuditActions.ResourceServerCreated, AuditActions.ResourceServerDeleted], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal((user.Id, $"Audited API ({server.ClientId})"), (e.SubjectUserId, e.Detail)));
        var history = await admin.GetAsync($"/admin/users/{user.Id}");
        Assert.Contains("Resource server added", history.Text, StringComparison.Ordinal);
        Assert.Contains("Resource server deleted", history.Text, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadNames => new()
    {
        { "", "Enter a name." },
        { "   ", "Enter a name." },
        { new string('x', 101), "Keep the name to 100 characters or fewer." },
        { "nul\0inside", "can't contain control characters" },
        { "line\nbreak", "can't contain control characters" },
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task Bad_name_shows_the_form_again_with_the_message_and_creates_nothing(string name, string message)
    {
        var (admin, user) = await app.SignInNewUserAsync(Roles.Administrators);
        var form = await admin.GetAsync(ResourceServerScreens.Index + "/new");

        var result = await admin.SubmitAsync(form.Form(), new Dictionary<string, string> { ["Name"] = name });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains(message, result.Document.QuerySelector("[data-valmsg-for='Name']")!.TextContent, StringComparison.Ordinal);
        Assert.Null(result.Document.QuerySelector("code.client-secret"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ResourceServer>().CountAsync(s => s.CreatedById == user.Id)));
    }

    [Fact]
    public async Task Last_used_is_written_off_the_request_path_at_most_once_per_interval()
    {
        var (admin, _) = await app.SignInNewUserAsync(Roles.Administrators);
        var server = await admin.CreateResourceServerAsync();
        using var http = app.CreateApiClient();
        var first = app.Time.GetUtcNow();

        await IntrospectionTests.AssertInactiveAsync(await http.IntrospectAsync(server, TokenCode.Generate()));
        Assert.Equal(first, await LastUsedEventuallyAsync(server.Id, first));
        app.Time.Advance(TimeSpan.FromMinutes(5));
        await IntrospectionTests.AssertInactiveAsync(await http.IntrospectAsync(server, TokenCode.Generate()));
        app.Time.Advance(TimeSpan.FromMinutes(6));
        await IntrospectionTests.AssertInactiveAsync(await http.IntrospectAsync(server, TokenCode.Generate()));

        Assert.Equal(first.AddMinutes(11), await LastUsedEventuallyAsync(server.Id, first.AddMinutes(11)));
        var row = (await admin.GetAsync(ResourceServerScreens.Index)).Document.QuerySelector($"#resource-server-{server.Id} .last-used")!;
        Assert.Equal(DisplayText.DateAndTime(first.AddMinutes(11)), row.TextContent);
    }

    /// <summary>The stamp is written after the answer, so the test waits for it (a few seconds at most).</summary>
    private async Task<DateTimeOffset?> LastUsedEventuallyAsync(Guid id, DateTimeOffset expected)
    {
        DateTimeOffset? stored = null;
        for (var i = 0; i < 100 && stored != expected; i++)
        {
            await Task.Delay(50);
            stored = await app.WithDbAsync(db => db.Set<ResourceServer>().AsNoTracking().Where(s => s.Id == id).Select(s => s.LastUsedAt).SingleAsync());
        }

        return stored;
    }
}
