using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Api;

public sealed class ApiTokenAuthenticationOptions : AuthenticationSchemeOptions
{
    public const string Scheme = "ApiToken";
}

/// <summary>Why a call was refused: logged, never told to the caller.</summary>
public enum ApiTokenRefusal
{
    NoAuthorizationHeader,
    SeveralAuthorizationHeaders,
    NotBearer,
    WrongPrefix,
    WrongLength,
    NotBase62,
    BadChecksum,
    UnknownOrDeleted,
    Expired,
}

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;code&gt;</c> and nothing else: no query string, form field or cookie.
/// Every refusal looks the same to the caller; a malformed code is refused before any cache or database lookup.
/// Its own lines go to the <see cref="ApiTokenRefusal"/> category; the base class's two per refused call ("not
/// authenticated", "challenged") follow <c>Microsoft.AspNetCore</c> at Warning, as the cookie scheme's do.
/// </summary>
public sealed partial class ApiTokenAuthenticationHandler(
    IOptionsMonitor<ApiTokenAuthenticationOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    TokenValidator validator,
    FailedAuthentications failures,
    ILogger<ApiTokenRefusal> refusals,
    TimeProvider time)
    : AuthenticationHandler<ApiTokenAuthenticationOptions>(options, loggerFactory, encoder)
{
    public const string TokenIdClaim = "token_id";
    private const string BearerPrefix = "Bearer ";
    private const string Challenge = "Bearer error=\"invalid_token\"";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ReadBearer(Request.Headers.Authorization, out var code) is { } unreadable)
        {
            return Refuse(unreadable, null);
        }

        if (TokenCode.FindFault(code) is { } fault)
        {
            return Refuse(fault switch
            {
                TokenCodeFault.WrongPrefix => ApiTokenRefusal.WrongPrefix,
                TokenCodeFault.WrongLength => ApiTokenRefusal.WrongLength,
                TokenCodeFault.NotBase62 => ApiTokenRefusal.NotBase62,
                _ => ApiTokenRefusal.BadChecksum,
            }, null);
        }

        var presented = code.ToString();
        var token = await validator.FindAsync(presented, Context.RequestAborted);
        if (token is null)
        {
            return Refuse(ApiTokenRefusal.UnknownOrDeleted, null);
        }

        var now = time.GetUtcNow();
        if (token.IsExpired(now))
        {
            return Refuse(ApiTokenRefusal.Expired, token.TokenId);
        }

        Context.Features.Set(token);
        if (token.OwnerMayCall(now))
        {
            validator.RecordUse(token);
        }
        else
        {
            LogOwnerRefused(refusals, token.TokenId, token.OwnerId);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(PrincipalOf(token, now), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = Challenge;
        await ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, ApiProblems.NotInGroup);

    /// <summary>The code from exactly one <c>Bearer</c> header, or why there is none. Nothing is trimmed or decoded.</summary>
    private static ApiTokenRefusal? ReadBearer(StringValues headers, out ReadOnlySpan<char> code)
    {
        code = default;
        if (headers.Count == 0)
        {
            return ApiTokenRefusal.NoAuthorizationHeader;
        }

        if (headers.Count > 1)
        {
            return ApiTokenRefusal.SeveralAuthorizationHeaders;
        }

        var value = headers[0].AsSpan();
        if (!value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return ApiTokenRefusal.NotBearer;
        }

        code = value[BearerPrefix.Length..];
        return null;
    }

    /// <summary>The owner's identity; the group role only while the owner may use tokens, so the policy answers 403 otherwise.</summary>
    private ClaimsPrincipal PrincipalOf(ValidatedToken token, DateTimeOffset now)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, token.OwnerId),
            new(TokenIdClaim, token.TokenId.ToString()),
        ];
        if (token.UserName is { } name)
        {
            claims.Add(new Claim(ClaimTypes.Name, name));
        }

        if (token.OwnerMayCall(now))
        {
            claims.Add(new Claim(ClaimTypes.Role, Roles.ApiTokensGroup));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
    }

    private AuthenticateResult Refuse(ApiTokenRefusal reason, Guid? tokenId)
    {
        var address = FailedAuthentications.AddressOf(Context);
        var count = failures.RecordFailure(address);
        if (count > FailedAuthentications.LoggedPerWindow)
        {
            // Counted, not logged: the first refusals of the window said why, and the rate limiter says the rest.
            if (count == FailedAuthentications.LoggedPerWindow + 1)
            {
                LogRefusalsSilenced(refusals, address);
            }
        }
        else if (tokenId is { } id)
        {
            LogRefusedToken(refusals, id, reason);
        }
        else
        {
            LogRefused(refusals, reason);
        }

        return AuthenticateResult.Fail("invalid_token");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Further refused API calls from {ClientAddress} in this window are counted, not logged")]
    private static partial void LogRefusalsSilenced(ILogger logger, string clientAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "API call refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, ApiTokenRefusal reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "API call with token {TokenId} refused: {Reason}")]
    private static partial void LogRefusedToken(ILogger logger, Guid tokenId, ApiTokenRefusal reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "API call with token {TokenId} forbidden: owner {UserId} is not in the API Tokens Group or is locked out")]
    private static partial void LogOwnerRefused(ILogger logger, Guid tokenId, string userId);
}
