using System.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.TokenState;

namespace ScoutPrime.Tokens.Web.Admin;

public enum MembershipChange
{
    Done,
    Unchanged,
    NotFound,
    LastAdministrator,
}

/// <summary>
/// Every change of a user's roles goes through <see cref="SetMembershipAsync"/>: the one place that
/// refuses to leave the application without an administrator, records who did it, and so the one place
/// anything that keeps a user's membership (the API's token validation) learns of a change.
/// Signed-in users see the change on their next request through <see cref="CurrentSession"/>; removal from the
/// API Tokens Group ends the user's sessions.
/// </summary>
public sealed partial class GroupMembershipService(
    TokensDbContext db,
    UserManager<AppUser> users,
    TokenStateChanges changes,
    TimeProvider time,
    ILogger<GroupMembershipService> logger)
{
    public async Task<MembershipChange> SetMembershipAsync(string actorId, string userId, string role, bool member, CancellationToken ct)
    {
        if (!Roles.All.Contains(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Not a role of this application.");
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return MembershipChange.NotFound;
        }

        // Serializable: two administrators demoting each other at once cannot both count the other as still there.
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
        if (await users.IsInRoleAsync(user, role) == member)
        {
            return MembershipChange.Unchanged;
        }

        if (!member && role == Roles.Administrators && await CountAdministratorsAsync(ct) <= 1)
        {
            return MembershipChange.LastAdministrator;
        }

        var result = member ? await users.AddToRoleAsync(user, role) : await users.RemoveFromRoleAsync(user, role);
        if (result.Succeeded && !member && role == Roles.ApiTokensGroup)
        {
            // A removed member's sessions end (CurrentSession compares the stamp); an added one keeps theirs.
            result = await users.UpdateSecurityStampAsync(user);
        }

        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not change {role} membership: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            ActorId = actorId,
            SubjectUserId = userId,
            Action = ActionFor(role, member),
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        // Once, after the commit: AppUserManager leaves a change made inside this transaction to be announced here.
        changes.Committed(new TokenStateChange.OwnerChanged(userId, OwnerChange.Membership, role, member, actorId));
        LogChanged(logger, userId, role, member, actorId);
        return MembershipChange.Done;
    }

    private Task<int> CountAdministratorsAsync(CancellationToken ct) =>
        db.UserRoles.CountAsync(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Administrators), ct);

    private static string ActionFor(string role, bool member) => (role, member) switch
    {
        (Roles.ApiTokensGroup, true) => AuditActions.GroupMemberAdded,
        (Roles.ApiTokensGroup, false) => AuditActions.GroupMemberRemoved,
        (_, true) => AuditActions.AdministratorGranted,
        (_, false) => AuditActions.AdministratorRevoked,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} in role {Role}: {Member}, changed by {ActorId}")]
    private static partial void LogChanged(ILogger logger, string userId, string role, bool member, string actorId);
}
