using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary><c>GET /api/v1/tokens</c> in pages: still a JSON array, with RFC 8288 Link headers to the other pages.</summary>
public sealed partial class ApiPagingTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    private const int Total = 125;

    [Fact]
    public async Task Default_page_is_the_newest_50_with_links_to_the_next_and_last()
    {
        var (code, ids) = await MemberWithTokensAsync();
        using var api = app.CreateApiClient();

        var response = await api.GetWithTokenAsync(ApiRequests.Tokens, code);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ids.Take(50), await IdsAsync(response));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["first"] = "/api/v1/tokens?page=1&pageSize=50",
                ["next"] = "/api/v1/tokens?page=2&pageSize=50",
                ["last"] = "/api/v1/tokens?page=3&pageSize=50",
            },
            Links(response));
    }

    [Fact]
    public async Task Following_next_visits_every_token_once_newest_first()
    {
        var (code, ids) = await MemberWithTokensAsync();
        using var api = app.CreateApiClient();
        var seen = new List<Guid>();
        var url = $"{ApiRequests.Tokens}?pageSize=40";
        var pages = 0;

        while (url is not null)
        {
            var response = await api.GetWithTokenAsync(url, code);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            seen.AddRange(await IdsAsync(response));
            var links = Links(response);
            Assert.Equal("/api/v1/tokens?page=4&pageSize=40", links["last"]);
            Assert.Equal(pages > 0, links.ContainsKey("prev"));
            url = links.GetValueOrDefault("next");
            pages++;
        }

        Assert.Equal(4, pages);
        Assert.Equal(ids, seen);
    }

    [Fact]
    public async Task A_page_past_the_last_is_an_empty_array_pointing_back()
    {
        var (code, _) = await MemberWithTokensAsync();
        using var api = app.CreateApiClient();

        var response = await api.GetWithTokenAsync($"{ApiRequests.Tokens}?page=9&pageSize=100", code);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[]", await response.Content.ReadAsStringAsync());
        Assert.Equal("/api/v1/tokens?page=2&pageSize=100", Links(response)["prev"]);
        Assert.False(Links(response).ContainsKey("next"));
    }

    [Fact]
    public async Task The_last_page_number_accepted_is_an_empty_page_not_one_that_wraps_around_to_the_first()
    {
        // (2^31 - 2) * 100 tokens to skip do not fit an int: past the last page, nothing may be computed from them.
        var (code, _) = await MemberWithTokensAsync();
        using var api = app.CreateApiClient();

        var response = await api.GetWithTokenAsync($"{ApiRequests.Tokens}?page={int.MaxValue}&pageSize=100", code);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[]", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Links_carry_nothing_else_from_the_request()
    {
        var (code, _) = await MemberWithTokensAsync();
        using var api = app.CreateApiClient();

        var response = await api.GetWithTokenAsync($"{ApiRequests.Tokens}?access_token={code}&page=2&x=%3Cevil%3E", code);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var header = string.Join(", ", response.Headers.GetValues("Link"));
        Assert.DoesNotContain(code[TokenCode.Prefix.Length..^TokenCode.ChecksumLength], header, StringComparison.Ordinal);
        Assert.DoesNotContain("access_token", header, StringComparison.Ordinal);
        Assert.DoesNotContain("evil", header, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadValues => new()
    {
        { "page=0", "page" },
        { "page=-1", "page" },
        { "page=abc", "page" },
        { "page=0x10", "page" },
        { "page=1.5", "page" },
        { "page=", "page" },
        { "page=99999999999", "page" },
        { "pageSize=0", "pageSize" },
        { "pageSize=101", "pageSize" },
        { "pageSize=%2B5", "pageSize" },
        { "pageSize=%205", "pageSize" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task Bad_paging_values_are_a_400_problem_saying_which(string query, string field)
    {
        var (code, _) = await MemberWithTokensAsync(count: 1);
        using var api = app.CreateApiClient();

        var response = await api.GetWithTokenAsync($"{ApiRequests.Tokens}?{query}", code);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var message = (await response.JsonAsync()).GetProperty("errors").GetProperty(field)[0].GetString();
        Assert.StartsWith($"{field} must be a whole number from 1", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paging_is_checked_after_authentication()
    {
        using var api = app.CreateApiClient();

        var response = await api.GetAsync(new Uri($"{ApiRequests.Tokens}?page=0", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>A member with one token made on the screens (for its code) and the rest written straight to the database.</summary>
    private async Task<(string Code, List<Guid> NewestFirst)> MemberWithTokensAsync(int count = Total)
    {
        var (member, user) = await app.SignInMemberAsync();
        var (first, code) = await member.CreateTokenWithCodeAsync("the caller");
        var start = app.Time.GetUtcNow();
        var seeded = Enumerable.Range(1, count - 1).Select(i => new ApiToken
        {
            Id = Guid.NewGuid(),
            OwnerId = user.Id,
            Description = $"seeded {i}",
            CreatedAt = start.AddSeconds(i),
            ExpiresAt = start.AddDays(30),
            TimeoutDays = 30,
            Digest = RandomNumberGenerator.GetBytes(32),
            ProtectedCode = "not a real protected code",
            Version = Guid.NewGuid(),
        }).ToList();
        await app.WithDbAsync(db =>
        {
            db.Tokens.AddRange(seeded);
            return db.SaveChangesAsync();
        });
        return (code, [.. seeded.AsEnumerable().Reverse().Select(t => t.Id), first]);
    }

    private static async Task<List<Guid>> IdsAsync(HttpResponseMessage response) =>
        [.. (await response.JsonAsync()).EnumerateArray().Select(t => t.GetProperty("id").GetGuid())];

    private static Dictionary<string, string> Links(HttpResponseMessage response) =>
        LinkPattern().Matches(string.Join(", ", response.Headers.GetValues("Link")))
            .ToDictionary(m => m.Groups["rel"].Value, m => m.Groups["url"].Value);

    [GeneratedRegex("""<(?<url>[^>]*)>; rel="(?<rel>[a-z]+)"\s*(,\s*|$)""")]
    private static partial Regex LinkPattern();
}
