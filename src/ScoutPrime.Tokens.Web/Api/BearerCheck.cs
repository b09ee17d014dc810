using Microsoft.Extensions.Primitives;
using ScoutPrime.Tokens.Web.Infrastructure;
using ScoutPrime.Tokens.Web.Throttling;
using ScoutPrime.Tokens.Web.Tokens;
using ScoutPrime.Tokens.Web.Validation;

namespace ScoutPrime.Tokens.Web.Api;

/// <summary>What <see cref="BearerCheck"/> decided about one call: a token (whose owner may or may not call), or why not.</summary>
public readonly record struct BearerVerdict(ValidatedToken? Token, bool OwnerMayCall, string? Refusal, TimeSpan? RetryAfter)
{
    /// <summary>No <c>Authorization: Bearer</c> header at all: not a failure until a caller needed a token.</summary>
    public bool NoBearer => Token is null && Refusal is null;
}

/// <summary>
/// Judges <c>Authorization: Bearer &lt;code&gt;</c> and nothing else (no query string, form field or cookie), and answers
/// a refusal: the one path of every token check, whether the API's authentication handler asks or the gateways' check
/// (<c>/auth/verify</c>, which needs no principal and so skips the authorization machinery). Every refusal looks the same
/// to the caller (a 401, or a 429 from <see cref="FailureGate"/>); a malformed code is refused before any lookup.
/// </summary>
public sealed partial class BearerCheck(TokenValidator validator, FailureGate gate, TimeProvider time, ILogger<BearerCheck> logger)
{
    public const string NotInGroup = "The token's owner is not a member of the API Tokens Group.";

    private const string BearerPrefix = "Bearer ";

    public async ValueTask<BearerVerdict> JudgeAsync(HttpContext context)
    {
        var headers = context.Request.Headers.Authorization;
        if (headers is not [{ } header] || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return default;
        }

        var code = header.AsSpan(BearerPrefix.Length);
        if (TokenCode.FindFault(code) is { } fault)
        {
            return Fail(ClientAddress.KeyOf(context), fault.ToString());
        }

        var digest = TokenCode.Digest(code);
        var token = validator.FindCached(digest);
        if (token is null)
        {
            // A blocked address keeps the tokens this instance holds (a victim behind the attacker's address); it
            // gets nothing that costs a database lookup.
            var address = ClientAddress.KeyOf(context);
            if (gate.RetryAfter(address) is { } wait)
            {
                return new BearerVerdict(null, false, "Too many failed authentications", wait);
            }

            token = await validator.LookUpAsync(digest, context.RequestAborted);
            if (token is null)
            {
                return Fail(address, "UnknownOrDeleted");
            }
        }

        var now = time.GetUtcNow();
        if (token.RefusalAt(now) is { } refusal)
        {
            return Fail(ClientAddress.KeyOf(context), refusal, token.TokenId);
        }

        // Past the token's own refusals (so MayAuthenticate reduces to the owner's standing) only the owner can stop it,
        // and that is a 403, not a 401.
        var mayCall = token.OwnerMayCall(now);
        if (mayCall)
        {
            validator.RecordUse(token, context.Connection.RemoteIpAddress, context.Request.Headers.UserAgent);
        }
        else
        {
            LogOwnerRefused(logger, token.TokenId, token.OwnerId);
        }

        return new BearerVerdict(token, mayCall, null, null);
    }

    /// <summary>
    /// The answer to a call that needed a token and has none that works: a 429 with <c>Retry-After</c> for a blocked
    /// address, else the uniform 401. A call without any bearer code is counted as a failure only now.
    /// </summary>
    public Task RefuseAsync(HttpContext context, BearerVerdict verdict)
    {
        // The address is formatted only where it counts: most refusals were counted while judging.
        var wait = verdict.NoBearer ? gate.Fail(ClientAddress.KeyOf(context), WhyNoBearer(context.Request.Headers.Authorization), null) : verdict.RetryAfter;
        if (wait is { } retryAfter)
        {
            return gate.RefuseAsync(context, ClientAddress.KeyOf(context), retryAfter);
        }

        context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return Problems.WriteAsync(context, StatusCodes.Status401Unauthorized);
    }

    /// <summary>A working token whose owner may not call (outside the group, or locked out).</summary>
    public static Task ForbidAsync(HttpContext context) => Problems.WriteAsync(context, StatusCodes.Status403Forbidden, NotInGroup);

    private BearerVerdict Fail(string address, string reason, Guid? tokenId = null) =>
        new(null, false, reason, gate.Fail(address, reason, tokenId));

    private static string WhyNoBearer(StringValues headers) => headers.Count switch
    {
        0 => "NoAuthorizationHeader",
        > 1 => "SeveralAuthorizationHeaders",
        _ => "NotBearer",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "API call with token {TokenId} forbidden: owner {UserId} is not in the API Tokens Group or is locked out")]
    private static partial void LogOwnerRefused(ILogger logger, Guid tokenId, string userId);
}
