using ScoutPrime.Tokens.Web.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tokens;

/// <summary>The words every screen uses about a token's state, so the owner's and the administrators' pages agree.</summary>
public static class TokenText
{
    public const string ExpiredMessage = "Expired tokens can't be edited — delete it and create a new one.";

    public const string ConflictMessage =
        "This token was changed since you opened it. Review its current values below, then save again.";

    public const string DeleteWarning =
        "Scripts and integrations that use this token will stop working at once. This can't be undone.";

    public static string Label(TokenStatus status) => status switch
    {
        TokenStatus.Expired => "Expired",
        TokenStatus.ExpiresSoon => "Expires soon",
        _ => "Active",
    };

    public static string BadgeClass(TokenStatus status) => status switch
    {
        TokenStatus.Expired => "text-bg-secondary",
        TokenStatus.ExpiresSoon => "text-bg-warning",
        _ => "text-bg-success",
    };

    /// <summary>"expired 3 days ago" for a past expiry, "in 12 days" for a future one.</summary>
    public static string Expiry(DateTimeOffset expiresAt, DateTimeOffset now) =>
        TokenExpiry.IsExpired(expiresAt, now) ? $"expired {DisplayText.Relative(expiresAt, now)}" : DisplayText.Relative(expiresAt, now);
}
