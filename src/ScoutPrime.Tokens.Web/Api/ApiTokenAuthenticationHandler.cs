using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ScoutPrime.Tokens.Web.Api;

public sealed class ApiTokenAuthenticationOptions : AuthenticationSchemeOptions
{
    public const string Scheme = "ApiToken";
}

/// <summary>
/// The API's authentication: <see cref="BearerCheck"/>'s verdict as a ticket, and its refusals as the challenge.
/// Refusals are logged by the failure gate; this category stays at Warning in appsettings.json, which keeps the base
/// class's two lines per refused call out of the log.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<ApiTokenAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder, BearerCheck check)
    : AuthenticationHandler<ApiTokenAuthenticationOptions>(options, logger, encoder)
{
    private BearerVerdict _verdict;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        _verdict = await check.JudgeAsync(Context);
        return _verdict switch
        {
            { Token: { } token } => AuthenticateResult.Success(TokenClaims.TicketOf(token, _verdict.OwnerMayCall, Scheme.Name)),
            { Refusal: { } refusal } => AuthenticateResult.Fail(refusal),
            _ => AuthenticateResult.NoResult(),
        };
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => check.RefuseAsync(Context, _verdict);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => BearerCheck.ForbidAsync(Context);
}
