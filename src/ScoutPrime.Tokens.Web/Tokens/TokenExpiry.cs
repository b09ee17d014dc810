using System.Linq.Expressions;

namespace ScoutPrime.Tokens.Web.Tokens;

/// <summary>
/// When a token stops working: at its exact <c>ExpiresAt</c> second, not a second later. The one rule the entity,
/// the screens, the service's refusal to edit and the administrators' counts all use.
/// </summary>
public static class TokenExpiry
{
    public static bool IsExpired(DateTimeOffset expiresAt, DateTimeOffset now) => expiresAt <= now;

    /// <summary>The same rule, for a query the database runs.</summary>
    public static Expression<Func<ApiToken, bool>> ExpiredAt(DateTimeOffset now) => t => t.ExpiresAt <= now;

    /// <summary>The complement of <see cref="ExpiredAt"/>, for a query the database runs.</summary>
    public static Expression<Func<ApiToken, bool>> ActiveAt(DateTimeOffset now) => t => t.ExpiresAt > now;

    /// <summary>Expired, or within <paramref name="expiresSoonDays"/> of it, or neither.</summary>
    public static TokenStatus StatusOf(DateTimeOffset expiresAt, DateTimeOffset now, int expiresSoonDays) =>
        IsExpired(expiresAt, now) ? TokenStatus.Expired
        : expiresAt - now <= TimeSpan.FromDays(expiresSoonDays) ? TokenStatus.ExpiresSoon
        : TokenStatus.Active;
}

public enum TokenStatus
{
    Active,
    ExpiresSoon,
    Expired,
}
