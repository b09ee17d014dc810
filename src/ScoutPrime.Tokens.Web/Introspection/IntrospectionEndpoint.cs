using ScoutPrime.Tokens.Web.Infrastructure;
using ScoutPrime.Tokens.Web.ResourceServers;
using ScoutPrime.Tokens.Web.Throttling;
using ScoutPrime.Tokens.Web.Tokens;
using ScoutPrime.Tokens.Web.Validation;

namespace ScoutPrime.Tokens.Web.Introspection;

/// <summary>
/// RFC 7662 token introspection for registered resource servers. The client is authenticated first (HTTP Basic);
/// failed client authentications count against the caller's address in the API's <see cref="FailureGate"/>, and an
/// authenticated client is limited per client id (<see cref="IntrospectionRateLimit"/>). The token is judged by the
/// API's own <see cref="TokenValidator"/> and cache, so it is active here exactly when it would authenticate an API call.
/// </summary>
public sealed partial class IntrospectionEndpoint(
    ResourceServerClients clients,
    IntrospectionRateLimit limit,
    FailureGate gate,
    TokenValidator validator,
    TimeProvider time,
    ILogger<IntrospectionEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var credentials = ClientCredentials.Parse(context.Request.Headers.Authorization);
        var client = credentials is null ? null : clients.FindCached(credentials.ClientId);
        if (credentials is not null && client is null)
        {
            // As on the API: an address that failed too often gets nothing that costs a lookup.
            var address = ClientAddress.KeyOf(context);
            if (gate.RetryAfter(address) is { } blocked)
            {
                await gate.RefuseAsync(context, address, blocked);
                return;
            }

            client = await clients.LoadAsync(credentials.ClientId, ct);
        }

        if (client is null || !ResourceServerSecrets.Matches(credentials!.Secret, client.SecretDigest))
        {
            var reason = credentials is null ? "IntrospectionWithoutClientCredentials" : "IntrospectionClientRefused";
            var address = ClientAddress.KeyOf(context);
            if (gate.Fail(address, reason, null) is { } wait)
            {
                await gate.RefuseAsync(context, address, wait);
                return;
            }

            await IntrospectionResponse.UnauthorizedAsync(context);
            return;
        }

        if (limit.RetryAfter(client.ClientId) is { } later)
        {
            LogClientLimited(logger, client.ClientId);
            await IntrospectionRateLimit.RefuseAsync(context, later);
            return;
        }

        clients.RecordUse(client);
        var parameters = await IntrospectionForm.ReadAsync(context.Request, ct);
        if (!parameters.IsValid)
        {
            await IntrospectionResponse.ErrorAsync(context, parameters.Status, "invalid_request", parameters.Problem!);
            return;
        }

        var token = await ActiveTokenAsync(parameters.Token!, ct);
        if (token is null)
        {
            await IntrospectionResponse.InactiveAsync(context);
            return;
        }

        IntrospectionResponse.Active(context, token, client.ClientId);
    }

    /// <summary>The token when it would authenticate an API call now (<see cref="ValidatedToken.MayAuthenticate"/>), otherwise null.</summary>
    private async Task<ValidatedToken?> ActiveTokenAsync(string code, CancellationToken ct)
    {
        // A malformed code is refused before any lookup, as on the API.
        if (TokenCode.FindFault(code) is not null)
        {
            return null;
        }

        var digest = TokenCode.Digest(code);
        var token = validator.FindCached(digest) ?? await validator.LookUpAsync(digest, ct);
        var now = time.GetUtcNow();
        if (token is null || !token.MayAuthenticate(now))
        {
            return null;
        }

        validator.RecordUse(token);
        return token;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Introspection client {ClientId} is over its rate limit")]
    private static partial void LogClientLimited(ILogger logger, string clientId);
}
