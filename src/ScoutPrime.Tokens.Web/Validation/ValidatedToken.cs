using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Validation;

/// <summary>
/// What one lookup learned about a presented token and its owner: everything an API call needs,
/// and never the code. Held in the validation cache, keyed by the code's digest.
/// </summary>
public sealed record ValidatedToken(
    Guid TokenId,
    byte[] Digest,
    string Description,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? LastUsedAt,
    string OwnerId,
    string? UserName,
    string? Email,
    bool OwnerInGroup,
    DateTimeOffset? OwnerLockedOutUntil,
    DateTimeOffset CreatedAt,
    bool Suspended,
    DateTimeOffset? ReplacedUntil,
    Guid? ReplacesId)
{
    public bool IsExpired(DateTimeOffset now) => TokenExpiry.IsExpired(ExpiresAt, now);

    /// <summary>
    /// Why this token may not call at <paramref name="now"/> (for the log, never the caller), or null when it may.
    /// Fields and a clock only: a cached token is judged again on every call without any database work.
    /// </summary>
    public string? RefusalAt(DateTimeOffset now) =>
        IsExpired(now) ? "Expired"
        : Suspended ? "Suspended"
        : ReplacedUntil <= now ? "Replaced"
        : null;

    /// <summary>Only a member of the API Tokens Group who is not locked out may use a token.</summary>
    public bool OwnerMayCall(DateTimeOffset now) => OwnerInGroup && !(OwnerLockedOutUntil > now);

    /// <summary>
    /// The one rule for "this code works now", shared by the API, /auth/verify and introspection so that none of them
    /// calls a token active that another refuses: no refusal of the token itself, and an owner who may call.
    /// </summary>
    public bool MayAuthenticate(DateTimeOffset now) => RefusalAt(now) is null && OwnerMayCall(now);
}
