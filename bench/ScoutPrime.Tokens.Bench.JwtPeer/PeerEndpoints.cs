using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ScoutPrime.Tokens.Bench.JwtPeer;

internal sealed record CallingToken(Guid Id, string Description, DateTimeOffset ExpiresAt);

internal sealed record MeResponse(string? UserName, string? Email, CallingToken Token);

internal sealed record PingResponse(string Status);

/// <summary>The product's two endpoints, answering the same JSON from the token's claims.</summary>
internal static class PeerEndpoints
{
    private static readonly PingResponse Pong = new("ok");

    public static Ok<PingResponse> Ping() => TypedResults.Ok(Pong);

    public static Ok<MeResponse> Me(ClaimsPrincipal user)
    {
        var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(user.FindFirstValue("exp") ?? "0", null));
        var token = new CallingToken(Guid.Parse(user.FindFirstValue("token_id") ?? Guid.Empty.ToString()), user.FindFirstValue("token_description") ?? "", expires);
        return TypedResults.Ok(new MeResponse(user.Identity?.Name, user.FindFirstValue(ClaimTypes.Email), token));
    }
}
