namespace ScoutPrime.Tokens.Web.Tokens;

/// <summary>What a list or a form may show of a token: never its code.</summary>
public sealed record TokenSummary(
    Guid Id,
    string Description,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    int TimeoutDays,
    DateTimeOffset? LastUsedAt,
    Guid Version,
    DateTimeOffset? SuspendedAt,
    Guid? ReplacedById,
    DateTimeOffset? ReplacedUntil,
    bool ReplacedUntilFirstUse)
{
    public bool IsExpired(DateTimeOffset now) => TokenExpiry.IsExpired(ExpiresAt, now);

    public bool IsSuspended => SuspendedAt is not null;

    public bool IsReplaced => ReplacedById is not null;

    /// <summary>Rotated and past its overlap: refused like an expired token.</summary>
    public bool HasStopped(DateTimeOffset now) => ReplacedUntil <= now;

    public TokenStatus StatusAt(DateTimeOffset now, int expiresSoonDays) => TokenExpiry.StatusOf(ExpiresAt, now, expiresSoonDays);
}

/// <summary>A page of an owner's tokens, newest first, and how many they have in all.</summary>
public sealed record TokenPage(IReadOnlyList<TokenSummary> Items, int Total);

public enum TokenChange
{
    Done,
    NotFound,
    Expired,
    Conflict,
}

/// <summary>
/// What became of an edit, with the token as it now stands: saved, or as stored when the edit was refused
/// (expired, or changed by someone else), so the screen can show it without reading it again.
/// </summary>
public sealed record TokenUpdate(TokenChange Outcome, TokenSummary? Current)
{
    public static readonly TokenUpdate NotFound = new(TokenChange.NotFound, null);
}

public enum RevealOutcome
{
    Shown,
    NotFound,

    /// <summary>Shown before, and the reveal policy shows a code only once.</summary>
    AlreadyShown,
}

public sealed record TokenReveal(RevealOutcome Outcome, string? Code)
{
    public static readonly TokenReveal NotFound = new(RevealOutcome.NotFound, null);
    public static readonly TokenReveal AlreadyShown = new(RevealOutcome.AlreadyShown, null);
}
