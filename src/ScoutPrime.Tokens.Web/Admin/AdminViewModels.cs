using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Admin;

public sealed record AdminTokenRow(TokenSummary Token, TokenStatus Status);

public sealed record UserDetailsViewModel(
    UserRow User, IReadOnlyList<AdminTokenRow> Tokens, IReadOnlyList<HistoryRow> History, bool IsSelf, DateTimeOffset Now);

public sealed record AdminTokenDeletionViewModel(UserRow User, TokenSummary Token);

/// <summary>The Yes/No page before a user leaves a role; <see cref="ReturnUrl"/> brings the administrator back to where they were.</summary>
public sealed record MembershipRemovalViewModel(UserRow User, string Role, string? ReturnUrl)
{
    public bool IsGroup => Role == Roles.ApiTokensGroup;
}

public sealed record RefusalViewModel(UserRow User, string Message);

public static class AuditText
{
    public static string Describe(string action) => action switch
    {
        AuditActions.TokenCreated => "Token created",
        AuditActions.TokenRevealed => "Token code shown",
        AuditActions.TokenUpdated => "Token edited",
        AuditActions.TokenDeleted => "Token deleted",
        AuditActions.TokenDeletedByAdministrator => "Token deleted by an administrator",
        AuditActions.TokenRotated => "Token rotated",
        AuditActions.TokenSuspended => "Token suspended",
        AuditActions.TokenResumed => "Token resumed",
        AuditActions.TokenRevokedByLeakReport => "Token revoked: its code was reported as leaked",
        AuditActions.TokenRevokedByAdministrator => "Token revoked by an administrator",
        AuditActions.TokenRevokedIdle => "Token revoked: unused too long",
        AuditActions.TokenShortenedByPolicy => "Token shortened to the maximum timeout",
        AuditActions.PoliciesChanged => "Token policies changed",
        AuditActions.GroupMemberAdded => "Added to the API Tokens Group",
        AuditActions.GroupMemberRemoved => "Removed from the API Tokens Group",
        AuditActions.AdministratorGranted => "Made an administrator",
        AuditActions.AdministratorRevoked => "No longer an administrator",
        AuditActions.SessionsEnded => "Signed out everywhere",
        AuditActions.ResourceServerCreated => "Resource server added",
        AuditActions.ResourceServerDeleted => "Resource server deleted",
        AuditActions.PasskeyAdded => "Passkey added",
        AuditActions.PasskeyRenamed => "Passkey renamed",
        AuditActions.PasskeyRemoved => "Passkey removed",
        _ => action,
    };
}
