using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using ScoutPrime.Tokens.Web.Api;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Security;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Lifecycle;

/// <summary>What <c>POST /api/v1/tokens/self/rotate</c> answers, once: the new code, never logged, never cached.</summary>
public sealed record RotatedToken(
    Guid Id, string Code, string Description, DateTimeOffset ExpiresAt, DateTimeOffset OldCodeWorksUntil, bool OldCodeStopsAtFirstUse);

/// <summary>
/// Self-rotation for automation: the calling token replaces itself. The body is read by hand (<c>{"overlap": …}</c>, or
/// none for the default) so that every bad input is a 400 problem naming what is wrong, never the framework's bare 400.
/// </summary>
public static class SelfRotation
{
    public const string IdempotencyHeader = "Idempotency-Key";
    private const int MaxBody = 4096;

    public static async Task<Results<Created<RotatedToken>, ValidationProblem, ProblemHttpResult>> RotateAsync(
        HttpContext context, ClaimsPrincipal user, TokenRotation rotation, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var overlap = await ReadOverlapAsync(context.Request, errors, ct);
        var key = ReadKey(context.Request, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var tokenId = Guid.Parse(user.FindFirstValue(TokenClaims.TokenId)!);
        var ownerId = user.GetUserId();
        var result = await rotation.RotateAsync(ownerId, tokenId, overlap!, ownerId, key, "by self-rotation " + SecurityAudit.From(context), ct);
        context.Response.Headers.CacheControl = "no-store";
        return result.Outcome switch
        {
            RotationOutcome.Done => TypedResults.Created(
                $"{ApiExtensions.BasePath}/v1/tokens/{result.SuccessorId}",
                new RotatedToken(result.SuccessorId, result.Code!, result.Description!, result.SuccessorExpiresAt, result.OldWorksUntil, result.UntilFirstUse)),
            RotationOutcome.NotFound => TypedResults.Problem("The token no longer exists.", statusCode: StatusCodes.Status404NotFound),
            var refused => TypedResults.Problem(LifecycleText.RotationRefusal(refused), statusCode: StatusCodes.Status409Conflict),
        };
    }

    private static async Task<Overlap?> ReadOverlapAsync(HttpRequest request, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        // At most one byte past the limit is read: a huge body costs nothing more than a small one.
        var body = new byte[MaxBody + 1];
        var length = 0;
        int read;
        while (length < body.Length && (read = await request.Body.ReadAsync(body.AsMemory(length), ct)) > 0)
        {
            length += read;
        }

        if (length == 0)
        {
            return Overlap.FirstUse;
        }

        if (length > MaxBody)
        {
            errors["body"] = [$"The body is larger than {MaxBody} bytes."];
            return null;
        }

        string? text;
        try
        {
            using var document = JsonDocument.Parse(body.AsMemory(0, length));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors["body"] = ["Send a JSON object, e.g. {\"overlap\":\"PT1H\"}."];
                return null;
            }

            if (!document.RootElement.TryGetProperty("overlap", out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return Overlap.FirstUse;
            }

            text = value.ValueKind == JsonValueKind.String ? value.GetString() : string.Empty;
        }
        catch (JsonException)
        {
            errors["body"] = ["The body is not valid JSON."];
            return null;
        }

        var overlap = Overlap.Parse(text);
        if (overlap is null)
        {
            errors["overlap"] = [$"Use {Overlap.AllowedValues}."];
        }

        return overlap;
    }

    private static string? ReadKey(HttpRequest request, Dictionary<string, string[]> errors)
    {
        var values = request.Headers[IdempotencyHeader];
        if (values.Count == 0)
        {
            return null;
        }

        var key = values.Count == 1 ? values[0] : null;
        if (key is null || key.Length is 0 or > ApiTokenConfiguration.RotationKeyMaxLength || key.Any(c => c is < '!' or > '~'))
        {
            errors[IdempotencyHeader] = [$"Send one key of 1 to {ApiTokenConfiguration.RotationKeyMaxLength} visible ASCII characters."];
            return null;
        }

        return key;
    }
}
