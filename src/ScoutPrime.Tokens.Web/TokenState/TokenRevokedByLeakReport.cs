namespace ScoutPrime.Tokens.Web.TokenState;

/// <summary>
/// A token's code was reported as leaked (<c>POST /api/v1/credentials/revoke</c>) and the token was deleted at once.
/// Its owner is to be told: <paramref name="Description"/> says which token it was, <paramref name="Source"/> who
/// reported it (the report's <c>source</c> field and User-Agent, as sent; never a code).
/// </summary>
public sealed record TokenRevokedByLeakReport(string OwnerId, Guid TokenId, string Description, string Source) : TokenStateChange(OwnerId);
