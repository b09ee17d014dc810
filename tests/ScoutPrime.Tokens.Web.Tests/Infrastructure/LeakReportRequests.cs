using System.Net.Http.Json;

namespace ScoutPrime.Tokens.Web.Tests.Infrastructure;

/// <summary>Reports to the public leak endpoint, as a secret scanner does.</summary>
public static class LeakReportRequests
{
    public const string Revoke = "/api/v1/credentials/revoke";

    public static Task<HttpResponseMessage> ReportLeakedAsync(this HttpClient http, IEnumerable<string> codes, string? source = null) =>
        http.PostAsJsonAsync(Revoke, new { credentials = codes, source });
}
