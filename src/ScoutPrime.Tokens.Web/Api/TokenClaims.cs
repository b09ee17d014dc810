using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Validation;

namespace ScoutPrime.Tokens.Web.Api;

/// <summary>
/// What an authenticated API call carries: the owner as claims (what authorization and every endpoint need), and the
/// token as checked on the identity it authenticated (<see cref="TokenIdentity"/>), so an endpoint that describes the
/// token reads it from the caller: no second authentication, no lookup, no formatting and parsing through claims.
/// </summary>
public static class TokenClaims
{
    public const string TokenId = "token_id";

    /// <summary>The group role only while the owner may use tokens, so that the policy answers 403 otherwise.</summary>
    public static AuthenticationTicket TicketOf(ValidatedToken token, bool ownerMayCall, string scheme)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, token.OwnerId),
            new(TokenId, token.TokenId.ToString()),
        ];
        if (token.UserName is { } name)
        {
            claims.Add(new Claim(ClaimTypes.Name, name));
        }

        if (ownerMayCall)
        {
            claims.Add(new Claim(ClaimTypes.Role, Roles.ApiTokensGroup));
        }

        return new AuthenticationTicket(new ClaimsPrincipal(new TokenIdentity(token, claims, scheme)), scheme);
    }

    /// <summary>The calling token: the caller authenticated with the token scheme (its endpoints' policy saw to that).</summary>
    public static ValidatedToken CallingToken(ClaimsPrincipal user)
    {
        foreach (var identity in user.Identities)
        {
            if (identity is TokenIdentity { Token: var token })
            {
                return token;
            }
        }

        throw new InvalidOperationException("The call was not authenticated with a token.");
    }

    public static MeResponse Describe(ClaimsPrincipal user)
    {
        var token = CallingToken(user);
        return new MeResponse(token.UserName, token.Email, new CallingToken(token.TokenId, token.Description, token.ExpiresAt));
    }
}

/// <summary>The identity a token authenticated, carrying the token as checked; a copy keeps it.</summary>
public sealed class TokenIdentity : ClaimsIdentity
{
    public TokenIdentity(ValidatedToken token, IEnumerable<Claim> claims, string scheme) : base(claims, scheme) => Token = token;

    private TokenIdentity(TokenIdentity other) : base(other) => Token = other.Token;

    public ValidatedToken Token { get; }

    public override ClaimsIdentity Clone() => new TokenIdentity(this);
}
