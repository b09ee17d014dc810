using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ScoutPrime.Tokens.Web.Tests.Infrastructure;

/// <summary>Rotating, suspending and resuming as a person does on the screens, and self-rotation as a script does.</summary>
public static class LifecycleScreens
{
    public const string SelfRotate = "/api/v1/tokens/self/rotate";

    /// <summary>Clicks Rotate, picks <paramref name="overlap"/> and confirms.</summary>
    public static async Task<Page> RotateAsync(this BrowserClient browser, Guid id, string overlap)
    {
        var confirm = await browser.GetAsync($"/tokens/{id}/rotate");
        Assert.Equal(HttpStatusCode.OK, confirm.Status);
        return await browser.SubmitAsync(confirm.Form(), new Dictionary<string, string> { ["overlap"] = overlap });
    }

    /// <summary>Rotates and returns the successor: the highlighted row of the list the rotation leads back to.</summary>
    public static async Task<(Guid Id, string Code, Page List)> RotateToSuccessorAsync(this BrowserClient browser, Guid id, string overlap)
    {
        var rotated = await browser.RotateAsync(id, overlap);
        Assert.Equal(HttpStatusCode.Redirect, rotated.Status);
        var list = await browser.GetAsync("/tokens");
        var row = list.Document.QuerySelector("tbody tr.token-new") ?? throw new InvalidOperationException("No highlighted successor.");
        var successor = Guid.Parse(row.Id!["token-".Length..]);
        return (successor, await browser.RevealJsonAsync(successor), list);
    }

    /// <summary>Presses the pause (or play) button of the token's row.</summary>
    public static async Task<Page> SetSuspendedAsync(this BrowserClient browser, Guid id)
    {
        var list = await browser.GetAsync("/tokens");
        return await browser.SubmitAsync(list.Form($"#token-{id} form.suspend-form"));
    }

    public static async Task<HttpResponseMessage> SelfRotateAsync(this HttpClient api, string code, string? json = null, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(SelfRotate, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", code);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return await api.SendAsync(request);
    }

    /// <summary>Calls until the answer is <paramref name="expected"/> or <paramref name="seconds"/> of real time pass.</summary>
    public static async Task<HttpStatusCode> StatusWithinAsync(this HttpClient api, string code, HttpStatusCode expected, double seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        HttpStatusCode status;
        do
        {
            using var response = await api.GetWithTokenAsync(ApiRequests.Me, code);
            status = response.StatusCode;
            if (status == expected)
            {
                break;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        return status;
    }
}
