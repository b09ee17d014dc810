using Microsoft.AspNetCore.Http;
using PageActionDescriptor = Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>
/// Every Identity UI page the application serves, found in its endpoints (so a page added by a package update is
/// swept too), requested anonymously and signed in, by GET and by POST with a valid antiforgery token: none may
/// answer 5xx, and every page that answers with HTML does so in the product's layout.
/// </summary>
public sealed class IdentityPagesSweepTests
{
    [Fact]
    public async Task No_Identity_page_answers_5xx_to_anyone()
    {
        using var app = TokensAppFactory.Dedicated();
        var pages = IdentityPages(app);
        Assert.Contains("/Identity/Account/LoginWith2fa", pages);
        Assert.Contains("/Identity/Account/Manage/GenerateRecoveryCodes", pages);
        var failures = new List<string>();

        foreach (var path in pages)
        {
            using var anonymous = app.CreateBrowser();
            var anonymousToken = Token(await anonymous.GetAsync("/Identity/Account/Login"));
            Check(failures, "anonymous GET", path, await anonymous.GetAsync(path));
            Check(failures, "anonymous POST", path, await anonymous.PostRawAsync(path, anonymousToken));

            // A fresh user for each page: some POSTs sign out, reset a key or delete the account.
            var (member, _) = await app.SignInMemberAsync();
            using (member)
            {
                var memberToken = Token(await member.GetAsync("/Identity/Account/Manage"));
                Check(failures, "signed-in GET", path, await member.GetAsync(path));
                Check(failures, "signed-in POST", path, await member.PostRawAsync(path, memberToken));
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.DoesNotContain(app.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
    }

    private static List<string> IdentityPages(TokensAppFactory app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is { AreaName: "Identity" })
            .GroupBy(e => e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath)
            .Select(g => "/" + g.OrderByDescending(e => e.RoutePattern.RawText!.Length).First().RoutePattern.RawText)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static Dictionary<string, string> Token(Page page) => new()
    {
        ["__RequestVerificationToken"] = page.Document.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
            ?? throw new InvalidOperationException("No antiforgery token on " + page.Response.RequestMessage?.RequestUri),
    };

    private static void Check(List<string> failures, string how, string path, Page page)
    {
        var status = (int)page.Status;
        if (status >= 500)
        {
            failures.Add($"{how} {path}: {status}");
        }
        else if (status == StatusCodes.Status200OK
            && page.Response.Content.Headers.ContentType?.MediaType == "text/html"
            && page.Document.QuerySelector("header nav a.navbar-brand") is null)
        {
            failures.Add($"{how} {path}: 200 outside the product's layout");
        }
    }
}
