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

    /// <summary>Read from the call's claims (<see cref="TokenClaims"/>): the token it authenticated with, not a second lookup.</summary>
    public static Ok<MeResponse> Me(ClaimsPrincipal user) => TypedResults.Ok(TokenClaims.Describe(user));

    public static async Task<Ok<List<TokenMetadata>>> ListTokens(ClaimsPrincipal user, TokenService tokens, CancellationToken ct)
    {
        var list = await tokens.ListForOwnerAsync(user.GetUserId(), ct);
        return TypedResults.Ok(list.Select(t => new TokenMetadata(t.Id, t.Description, t.CreatedAt, t.ExpiresAt, t.LastUsedAt)).ToList());
    }
}
