using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using ScoutPrime.Tokens.Web.Tokens;
using ScoutPrime.Tokens.Web.Infrastructure;
using ScoutPrime.Tokens.Web.Throttling;
using ScoutPrime.Tokens.Web.Validation;

namespace ScoutPrime.Tokens.Web.Api;

public sealed class ApiTokenAuthenticationOptions : AuthenticationSchemeOptions
{
    public const string Scheme = "ApiToken";
}

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;code&gt;</c> and nothing else: no query string, form field or cookie.
/// Every refusal looks the same to the caller (a 401, or a 429 from <see cref="FailureGate"/>); a malformed code is
/// refused before any lookup. Refusals are logged by the gate; this category stays at Warning in appsettings.json,
/// which keeps the base class's two lines per refused call out of the log.
/// </summary>
public sealed partial class ApiTokenAuthenticationHandler(
    IOptionsMonitor<ApiTokenAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenValidator validator, FailureGate gate)
    : AuthenticationHandler<ApiTokenAuthenticationOptions>(options, logger, encoder)
{
    public const string NotInGroup = "The token's owner is not a member of the API Tokens Group.";

    private const string BearerPrefix = "Bearer ";

    // Judged while authenticating, answered when challenged: whether this call was counted, and how long a blocked address waits.
    private bool _judged;
    private TimeSpan? _retryAfter;

    private string Address => field ??= ClientAddress.KeyOf(Context);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers.Authorization;
        if (headers is not [{ } header] || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var code = header.AsSpan(BearerPrefix.Length);
        if (TokenCode.FindFault(code) is { } fault)
        {
            return Fail(fault.ToString());
        }

        var digest = TokenCode.Digest(code);
        var token = validator.FindCached(digest);
        if (token is null)
        {
            // A blocked address keeps the tokens this instance holds (a victim behind the attacker's address); it
            // gets nothing that costs a database lookup.
            if (gate.RetryAfter(Address) is { } wait)
            {
                (_judged, _retryAfter) = (true, wait);
                return AuthenticateResult.Fail("Too many failed authentications");
            }

            token = await validator.LookUpAsync(digest, Context.RequestAborted);
            if (token is null)
            {
                return Fail("UnknownOrDeleted");
            }
        }

        var now = TimeProvider.GetUtcNow();
        if (token.RefusalAt(now) is { } refusal)
        {
            return Fail(refusal, token.TokenId);
        }

        // Past the token's own refusals (so MayAuthenticate reduces to the owner's standing) only the owner can stop it,
        // and that is a 403 (a ticket without the group), not a 401.
        var mayCall = token.OwnerMayCall(now);
        if (mayCall)
        {
            validator.RecordUse(token, Context.Connection.RemoteIpAddress, Request.Headers.UserAgent);
        }
        else
        {
            LogOwnerRefused(Logger, token.TokenId, token.OwnerId);
        }

        return AuthenticateResult.Success(TokenClaims.TicketOf(token, mayCall, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!_judged)
        {
            // No bearer code at all: a failure only now that the endpoint required one.
            _retryAfter = gate.Fail(Address, WhyNoBearer(Request.Headers.Authorization), null);
        }

        if (_retryAfter is { } wait)
        {
            await gate.RefuseAsync(Context, Address, wait);
            return;
        }

        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        await Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, NotInGroup);

    private static string WhyNoBearer(StringValues headers) => headers.Count switch
    {
        0 => "NoAuthorizationHeader",
        > 1 => "SeveralAuthorizationHeaders",
        _ => "NotBearer",
    };

    private AuthenticateResult Fail(string reason, Guid? tokenId = null)
    {
        (_judged, _retryAfter) = (true, gate.Fail(Address, reason, tokenId));
        return AuthenticateResult.Fail(reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "API call with token {TokenId} forbidden: owner {UserId} is not in the API Tokens Group or is locked out")]
    private static partial void LogOwnerRefused(ILogger logger, Guid tokenId, string userId);
}
