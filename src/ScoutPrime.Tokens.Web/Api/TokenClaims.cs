using System.Globalization;
using System.Security.Claims;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Validation;

namespace ScoutPrime.Tokens.Web.Api;

/// <summary>What an authenticated API call carries: the token's owner and the token itself, so an endpoint needs no second lookup.</summary>
public static class TokenClaims
{
    public const string TokenId = "token_id";
    public const string Description = "token_description";
    public const string ExpiresAt = "token_expires_at";

    /// <summary>The group role only while the owner may use tokens, so that the policy answers 403 otherwise.</summary>
    public static ClaimsPrincipal PrincipalOf(ValidatedToken token, bool ownerMayCall, string scheme)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, token.OwnerId),
            new(TokenId, token.TokenId.ToString()),
            new(Description, token.Description),
            new(ExpiresAt, token.ExpiresAt.ToString("O", CultureInfo.InvariantCulture), ClaimValueTypes.DateTime),
        ];
        if (token.UserName is { } name)
        {
            claims.Add(new Claim(ClaimTypes.Name, name));
        }

        if (token.Email is { } email)
        {
            claims.Add(new Claim(ClaimTypes.Email, email));
        }

        if (ownerMayCall)
        {
            claims.Add(new Claim(ClaimTypes.Role, Roles.ApiTokensGroup));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    public static MeResponse Describe(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.Name),
        user.FindFirstValue(ClaimTypes.Email),
        new CallingToken(
            Guid.Parse(Required(user, TokenId)),
            Required(user, Description),
            DateTimeOffset.Parse(Required(user, ExpiresAt), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));

    private static string Required(ClaimsPrincipal user, string type) =>
        user.FindFirstValue(type) ?? throw new InvalidOperationException("The call was not authenticated with a token.");
}
