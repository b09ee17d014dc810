using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ScoutPrime.Tokens.Web.Tests.Infrastructure;

/// <summary>A resource server as its administrator made it: the credentials are read from the page shown once.</summary>
public sealed record TestResourceServer(Guid Id, string Name, string ClientId, string Secret);

/// <summary>The administrator's steps on the Resource servers screens, and the calls a resource server makes.</summary>
public static class ResourceServerScreens
{
    public const string Introspect = "/connect/introspect";
    public const string Index = "/admin/resource-servers";

    public static async Task<TestResourceServer> CreateResourceServerAsync(this BrowserClient admin, string? name = null)
    {
        name ??= $"Search API {Guid.NewGuid():N}";
        var form = await admin.GetAsync(Index + "/new");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var created = await admin.SubmitAsync(form.Form(), new Dictionary<string, string> { ["Name"] = name });
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var clientId = created.Document.QuerySelector("code.client-id")!.TextContent;
        var secret = created.Document.QuerySelector("code.client-secret")!.TextContent;
        var list = await admin.GetAsync(Index);
        var row = list.Document.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector(".client-id")?.TextContent == clientId);
        return new TestResourceServer(Guid.Parse(row.Id!["resource-server-".Length..]), name, clientId, secret);
    }

    /// <summary>Clicks Delete, then Yes, as without JavaScript.</summary>
    public static async Task<Page> DeleteResourceServerAsync(this BrowserClient admin, Guid id)
    {
        var confirm = await admin.GetAsync($"{Index}/{id}/delete");
        Assert.Equal(HttpStatusCode.OK, confirm.Status);
        return await admin.SubmitAsync(confirm.Form());
    }

    /// <summary>HTTP Basic as RFC 6749 §2.3.1 builds it: each half form-url-encoded, then joined and base64-encoded.</summary>
    public static AuthenticationHeaderValue Basic(string clientId, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));

    public static Task<HttpResponseMessage> IntrospectAsync(this HttpClient http, TestResourceServer server, string token) =>
        http.IntrospectAsync(Basic(server.ClientId, server.Secret), new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }));

    public static async Task<HttpResponseMessage> IntrospectAsync(
        this HttpClient http, AuthenticationHeaderValue? authorization, HttpContent? content, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Introspect, UriKind.Relative)) { Content = content };
        request.Headers.Authorization = authorization;
        configure?.Invoke(request);
        return await http.SendAsync(request);
    }
}
