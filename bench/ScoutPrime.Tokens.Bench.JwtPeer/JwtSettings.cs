using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ScoutPrime.Tokens.Bench.JwtPeer;

/// <summary>HS256 with issuer, audience, lifetime and a role claim checked: what a team would configure for real.</summary>
internal static class JwtSettings
{
    public const string Policy = "ManageTokens";
    public const string Role = "API Tokens Group";
    private const string Issuer = "https://bench.scoutprime.local";
    private const string Audience = "scoutprime-api";

    public static SymmetricSecurityKey KeyFrom(IConfiguration configuration) =>
        new(Convert.FromBase64String(configuration["Jwt:Key"]
            ?? throw new InvalidOperationException("Set Jwt:Key to a base64 key of at least 32 bytes.")));

    public static TokenValidationParameters Validation(SymmetricSecurityKey key) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RoleClaimType = ClaimTypes.Role,
        NameClaimType = ClaimTypes.Name,
    };

    public static string Mint(SymmetricSecurityKey key, TimeSpan lifetime) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Expires = DateTime.UtcNow + lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
            Subject = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()),
                new Claim(ClaimTypes.Name, "screens-1@bench.local"),
                new Claim(ClaimTypes.Email, "screens-1@bench.local"),
                new Claim(ClaimTypes.Role, Role),
                new Claim("token_id", Guid.NewGuid().ToString()),
                new Claim("token_description", "bench token 0"),
            ]),
        });
}
