namespace ScoutPrime.Tokens.Web.Tokens;

public enum TokenStatus
{
    Active,
    ExpiresSoon,
    Expired,
}

public sealed record TokenRow(TokenSummary Token, TokenStatus Status, bool IsRevealed, string? Code, bool IsNew)
{
    public bool IsExpired => Status == TokenStatus.Expired;
}

public sealed record TokenListViewModel(IReadOnlyList<TokenRow> Rows, DateTimeOffset Now);

public sealed record TokenEditViewModel(TokenSummary Token, TokenForm Form, DateTimeOffset Now, int MaxTimeoutDays);

public sealed record TokenCreateViewModel(TokenForm Form, DateTimeOffset Now, int MaxTimeoutDays);

public static class TokenStatusRules
{
    public static TokenStatus StatusOf(TokenSummary token, DateTimeOffset now, int expiresSoonDays) =>
        token.ExpiresAt <= now ? TokenStatus.Expired
        : token.ExpiresAt - now <= TimeSpan.FromDays(expiresSoonDays) ? TokenStatus.ExpiresSoon
        : TokenStatus.Active;
}
