using System.Net;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>The Tokens screen's CSV export: the filtered list, metadata only, safe to open in a spreadsheet, streamed.</summary>
public sealed class InventoryExportTests(InventoryFixture seeded) : IClassFixture<InventoryFixture>
{
    [Fact]
    public async Task Export_is_the_filtered_list_in_the_screens_order_with_formula_cells_defused()
    {
        using var admin = await seeded.SignInAdministratorAsync();
        var screen = await admin.GetAsync($"/admin/tokens?Owner={InventoryFixture.Domain}&Status=Active&Sort=Expires");
        var link = screen.Document.QuerySelector("a.export-link")!.GetAttribute("href")!;

        using var response = await admin.Http.GetAsync(new Uri(link, UriKind.Relative));
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("attachment;", response.Content.Headers.ContentDisposition!.ToString());
        var lines = csv.Split("\r\n");
        Assert.Equal("Token id,Description,Owner,Created (UTC),Expires (UTC),Last used (UTC),Status", lines[0]);
        Assert.Equal(6, lines.Length); // header, four tokens, and the empty string after the last line break
        Assert.Equal("", lines[^1]);
        Assert.Matches("^[0-9a-f-]{36},\"B1 idle, deploy, \"\"prod\"\"\",bob@inv.test,2026-04-15 09:00:00,2027-02-09 09:00:00,2026-09-02 09:00:00,Active$", lines[1]);
        // A description a spreadsheet would run as a formula starts with an apostrophe (and is quoted for its quotes).
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",alice@inv.test,", lines[2]);
        Assert.EndsWith(",,Expires soon", lines[4]);
        Assert.DoesNotContain(SeededTokens.FakeProtectedCode, csv);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+SUM(A1)", "'+SUM(A1)")]
    [InlineData("-2", "'-2")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("a=b", "a=b")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("=a,b", "\"'=a,b\"")]
    [InlineData("", "")]
    public void Cells_that_could_run_as_formulas_are_prefixed_and_separators_quoted(string value, string cell) =>
        Assert.Equal(cell, Web.Admin.Inventory.InventoryCsv.Cell(value));

    [Fact]
    public async Task A_bad_filter_exports_nothing_and_answers_400()
    {
        using var admin = await seeded.SignInAdministratorAsync();

        using var response = await admin.Http.GetAsync(new Uri("/admin/tokens/export?IdleDays=-1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("Token id", await response.Content.ReadAsStringAsync());
    }
}

/// <summary>100,000 tokens exported: read as a stream, line by line, as the server writes them.</summary>
public sealed class InventoryLargeExportTests : IAsyncLifetime
{
    private const int Tokens = 100_000;
    private readonly TokensAppFactory _app = TokensAppFactory.Dedicated();

    public async Task InitializeAsync() => await _app.WithDbAsync(async db =>
    {
        db.Token(db.User("bulk@export.test"), "=template", _app.Time.GetUtcNow(), createdDays: -3, expiresDays: 30);
        await db.SaveChangesAsync();
        // The other 99,999 copy it in one statement, each with its own id and digest.
        return await db.Database.ExecuteSqlRawAsync($"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Tokens - 1})
            INSERT INTO ApiTokens (Id, OwnerId, Description, CreatedAt, ExpiresAt, TimeoutDays, Digest, ProtectedCode, LastUsedAt, Version)
            SELECT upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))),
                   t.OwnerId, 'token ' || n.i, t.CreatedAt - n.i * 2048, t.ExpiresAt, t.TimeoutDays, randomblob(32), t.ProtectedCode, NULL, t.Version
            FROM n CROSS JOIN ApiTokens t
            """);
    });

    [Fact]
    public async Task One_hundred_thousand_rows_stream_out_without_a_length_known_in_advance()
    {
        var (admin, _) = await _app.SignInNewUserAsync(Roles.Administrators);
        using var browser = admin;

        using var response = await admin.Http.GetAsync(new Uri("/admin/tokens/export", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        // Written as it is read from the database: no Content-Length, which a buffered body would have.
        Assert.Null(response.Content.Headers.ContentLength);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var (lines, defused) = (0, 0);
        while (await reader.ReadLineAsync() is { } line)
        {
            lines++;
            defused += line.Contains(",'=template,", StringComparison.Ordinal) ? 1 : 0;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Tokens + 1, lines);
        Assert.Equal(1, defused);
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }
}
