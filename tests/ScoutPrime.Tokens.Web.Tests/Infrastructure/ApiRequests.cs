using System.Net.Http.Headers;
using System.Text.Json;

namespace ScoutPrime.Tokens.Web.Tests.Infrastructure;

/// <summary>Calls to the API as a script makes them.</summary>
public static class ApiRequests
{
    public const string Ping = "/api/v1/ping";
    public const string Me = "/api/v1/me";
    public const string Tokens = "/api/v1/tokens";

    public static Task<HttpResponseMessage> GetWithTokenAsync(this HttpClient http, string url, string code) =>
        http.SendWithAsync(url, r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", code));

    /// <summary>
    /// Two successful calls: a token enters an instance's validation cache on its second lookup, so a test that
    /// changes the token or its owner afterwards proves the change gets past the cache.
    /// </summary>
    public static async Task CallUntilCachedAsync(this HttpClient http, string code)
    {
        for (var i = 0; i < 2; i++)
        {
            using var response = await http.GetWithTokenAsync(Me, code);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }
    }

    public static async Task<HttpResponseMessage> SendWithAsync(this HttpClient http, string url, Action<HttpRequestMessage> configure)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        configure(request);
        return await http.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
