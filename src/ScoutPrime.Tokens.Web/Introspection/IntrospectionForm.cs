using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace ScoutPrime.Tokens.Web.Introspection;

/// <summary>The request's parameters (RFC 7662 §2.1), or why they cannot be read: the status and the OAuth error text.</summary>
public sealed record IntrospectionParameters(string? Token, int Status = StatusCodes.Status200OK, string? Problem = null)
{
    public bool IsValid => Problem is null;
}

/// <summary>
/// Reads the form body itself, bounded, rather than through the framework's form feature: a token request is a few
/// dozen bytes, so anything over <see cref="MaxBodyBytes"/> is refused without being read further, and each refusal
/// (wrong type, too large, not UTF-8, a parameter missing or repeated, RFC 6749 §3.1) is a 4xx that says which.
/// </summary>
public static class IntrospectionForm
{
    public const int MaxBodyBytes = 8 * 1024;
    public const string FormContentType = "application/x-www-form-urlencoded";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<IntrospectionParameters> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals(FormContentType, StringComparison.OrdinalIgnoreCase))
        {
            return Refused(StatusCodes.Status415UnsupportedMediaType, $"The body must be {FormContentType}.");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return Refused(StatusCodes.Status413PayloadTooLarge, TooLarge);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(MaxBodyBytes + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= MaxBodyBytes && (read = await request.Body.ReadAsync(buffer.AsMemory(length, MaxBodyBytes + 1 - length), ct)) > 0)
            {
                length += read;
            }

            return length > MaxBodyBytes ? Refused(StatusCodes.Status413PayloadTooLarge, TooLarge) : Parse(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string TooLarge => $"The body must be at most {MaxBodyBytes} bytes.";

    private static IntrospectionParameters Parse(ReadOnlySpan<byte> body)
    {
        Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form;
        try
        {
            // Disposed, so its rented buffer goes back to the pool: otherwise every request allocates another 16 KB.
            using var reader = new FormReader(StrictUtf8.GetString(body));
            form = reader.ReadForm();
        }
        catch (Exception e) when (e is DecoderFallbackException or InvalidDataException)
        {
            return Refused(StatusCodes.Status400BadRequest, "The body is not a UTF-8 form.");
        }

        if (form.TryGetValue("token_type_hint", out var hint) && hint.Count > 1)
        {
            return Refused(StatusCodes.Status400BadRequest, "The token_type_hint parameter must appear at most once.");
        }

        // token_type_hint is only a hint (RFC 7662 §2.1): there is one kind of token here, so it is not checked.
        return form.TryGetValue("token", out var token) switch
        {
            false => Refused(StatusCodes.Status400BadRequest, "The token parameter is required."),
            _ when token.Count > 1 => Refused(StatusCodes.Status400BadRequest, "The token parameter must appear once."),
            _ => new IntrospectionParameters(token.ToString()),
        };
    }

    private static IntrospectionParameters Refused(int status, string description) => new(null, status, description);
}
