using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Api;

public sealed record CallingToken(Guid Id, string Description, DateTimeOffset ExpiresAt);

public sealed record MeResponse(string? UserName, string? Email, CallingToken Token);

/// <summary>A token as the API shows it: metadata only, never a code, a digest or a ciphertext.</summary>
public sealed record TokenMetadata(Guid Id, string Description, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt);

/// <summary>The answer of the unauthenticated ping: proof the API pipeline is up, nothing about anyone.</summary>
public sealed record PingResponse(string Status);

public static class ApiEndpoints
{
    private static readonly PingResponse Pong = new("ok");

    /// <summary>
    /// The API pipeline less authentication: the floor that bench/run.sh measures every authenticated call against,
    /// and a liveness probe a client may call before it has a token.
    /// </summary>
    public static Ok<PingResponse> Ping() => TypedResults.Ok(Pong);

    /// <summary>The token the call authenticated with (<see cref="TokenClaims"/>), not a second lookup.</summary>
    public static Ok<MeResponse> Me(ClaimsPrincipal user) => TypedResults.Ok(TokenClaims.Describe(user));

    /// <summary>
    /// A page of the caller's tokens, newest first: still a plain JSON array, as before paging, with RFC 8288
    /// <c>Link</c> headers to the first, previous, next and last pages. The parameters are read as text so that
    /// a bad value gets a message saying what is wrong rather than a bare 400.
    /// </summary>
    public static async Task<Results<Ok<List<TokenMetadata>>, ValidationProblem>> ListTokens(
        HttpContext context, ClaimsPrincipal user, TokenService tokens, string? page, string? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var number = TokenPaging.Parse(page, 1, int.MaxValue, nameof(page), errors);
        var size = TokenPaging.Parse(pageSize, TokenPaging.DefaultPageSize, TokenPaging.MaxPageSize, nameof(pageSize), errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await tokens.ListPageForOwnerAsync(user.GetUserId(), number, size, ct);
        context.Response.Headers.Link = TokenPaging.Links(context.Request.PathBase + context.Request.Path, number, size, result.Total);
        return TypedResults.Ok(result.Items.Select(t => new TokenMetadata(t.Id, t.Description, t.CreatedAt, t.ExpiresAt, t.LastUsedAt)).ToList());
    }
}
