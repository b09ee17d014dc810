using System.Text.Json;
using ScoutPrime.Tokens.Web.Validation;

namespace ScoutPrime.Tokens.Web.Introspection;

/// <summary>The answers of the introspection endpoint, none of which a cache may keep (RFC 7662 §2.2, RFC 6749 §5.1).</summary>
public static class IntrospectionResponse
{
    private const string JsonContentType = "application/json";

    private static readonly byte[] Inactive = "{\"active\":false}"u8.ToArray();

    /// <summary>Exactly <c>{"active":false}</c>, whatever was wrong: nothing tells an unknown token from an expired one.</summary>
    public static Task InactiveAsync(HttpContext context)
    {
        Prepare(context, StatusCodes.Status200OK);
        return context.Response.Body.WriteAsync(Inactive, context.RequestAborted).AsTask();
    }

    public static void Active(HttpContext context, ValidatedToken token, string clientId)
    {
        Prepare(context, StatusCodes.Status200OK);
        // Straight into the response's own buffers; the server sends them when the request ends.
        using var json = new Utf8JsonWriter(context.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteBoolean("active", true);
        json.WriteString("sub", token.OwnerId);
        json.WriteString("username", token.UserName);
        json.WriteString("token_id", token.TokenId);
        json.WriteNumber("exp", token.ExpiresAt.ToUnixTimeSeconds());
        json.WriteNumber("iat", token.CreatedAt.ToUnixTimeSeconds());
        json.WriteString("token_type", "Bearer");
        json.WriteString("client_id", clientId);
        json.WriteEndObject();
    }

    /// <summary>A missing or wrong client: RFC 6749 §5.2's <c>invalid_client</c>, with the challenge RFC 7235 requires.</summary>
    public static Task UnauthorizedAsync(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"introspection\", charset=\"UTF-8\"";
        return ErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid_client", "Client authentication failed.");
    }

    /// <summary>An RFC 6749 §5.2 error document.</summary>
    public static async Task ErrorAsync(HttpContext context, int status, string error, string description)
    {
        Prepare(context, status);
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("error", error);
        json.WriteString("error_description", description);
        json.WriteEndObject();
    }

    private static void Prepare(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = JsonContentType;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
    }
}
