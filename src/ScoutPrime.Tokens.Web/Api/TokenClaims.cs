using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Validation;

namespace ScoutPrime.Tokens.Web.Api;

/// <summary>
/// What an authenticated API call carries: the owner as claims (what authorization and every endpoint need), and the
/// token as checked in the ticket's properties, so an endpoint that describes the token reads it without a lookup and
/// without formatting and parsing it back through claims on every call.
/// </summary>
public static class TokenClaims
{
    public const string TokenId = "token_id";
    private const string TokenParameter = "scoutprime.token";

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

        var properties = new AuthenticationProperties();
        properties.Parameters[TokenParameter] = token;
        return new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, scheme)), properties, scheme);
    }

    /// <summary>The calling token, from this request's (memoized) authentication by the token scheme.</summary>
    public static async Task<ValidatedToken> CallingTokenAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(ApiTokenAuthenticationOptions.Scheme);
        return result.Properties?.GetParameter<ValidatedToken>(TokenParameter)
            ?? throw new InvalidOperationException("The call was not authenticated with a token.");
    }

    public static async Task<MeResponse> DescribeAsync(HttpContext context)
    {
        var token = await CallingTokenAsync(context);
        return new MeResponse(token.UserName, token.Email, new CallingToken(token.TokenId, token.Description, token.ExpiresAt));
    }
}
