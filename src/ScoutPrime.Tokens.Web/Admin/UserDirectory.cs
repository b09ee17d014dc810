using Microsoft.AspNetCore.Identity;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Security;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Admin;

/// <summary>A user as administrators see them; HasStrongSignIn: more than a password to sign in (<see cref="StrongSignIn"/>).</summary>
public sealed record UserRow(string Id, string? Email, string? UserName, bool IsMember, bool IsAdministrator, int ActiveTokens, int ExpiredTokens, bool HasStrongSignIn);

public sealed record UserPage(IReadOnlyList<UserRow> Rows, string Search, bool MembersOnly, int Page, int PageCount, int Total);

public sealed record HistoryRow(DateTimeOffset At, string Action, string? ActorEmail, Guid? TokenId, string? Detail);

/// <summary>What administrators read about users: never a token code, never a password hash.</summary>
public sealed class UserDirectory(TokensDbContext db, ILookupNormalizer normalizer, TimeProvider time, StrongSignIn strongSignIn)
{
    public const int PageSize = 25;

    /// <summary>Longer than any email or user name (256), so a longer search could never match anyway.</summary>
    public const int MaxSearchLength = 256;

    public const int HistoryLength = 50;

    public async Task<UserPage> SearchAsync(string? search, bool membersOnly, int page, CancellationToken ct)
    {
        var term = (search ?? string.Empty).Trim();
        term = term.Length > MaxSearchLength ? term[..MaxSearchLength] : term;
        var roles = await RoleIdsAsync(ct);
        var users = db.Users.AsNoTracking();
        if (term.Length > 0)
        {
            // The normalized columns are upper-cased by Identity, so the search ignores case on every provider.
            var normalized = normalizer.NormalizeEmail(term);
            users = users.Where(u => u.NormalizedEmail!.Contains(normalized) || u.NormalizedUserName!.Contains(normalized));
        }

        if (membersOnly)
        {
            var group = roles.Group;
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == group));
        }

        var total = await users.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var rows = await Project(users.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id).Skip((page - 1) * PageSize).Take(PageSize), roles)
            .ToListAsync(ct);
        return new UserPage(rows, term, membersOnly, page, pageCount, total);
    }

    public async Task<UserRow?> FindAsync(string userId, CancellationToken ct) =>
        await Project(db.Users.AsNoTracking().Where(u => u.Id == userId), await RoleIdsAsync(ct)).SingleOrDefaultAsync(ct);

    /// <summary>Everything recorded about the user, newest first, with the actor's email where the actor still exists.</summary>
    public async Task<IReadOnlyList<HistoryRow>> HistoryAsync(string userId, CancellationToken ct) =>
        await db.AuditEntries.AsNoTracking()
            .Where(a => a.SubjectUserId == userId)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Take(HistoryLength)
            .Select(a => new HistoryRow(
                a.At, a.Action, db.Users.Where(u => u.Id == a.ActorId).Select(u => u.Email).FirstOrDefault(), a.TokenId, a.Detail))
            .ToListAsync(ct);

    /// <summary>One SQL statement for the whole page: memberships and token counts are correlated subqueries, not a query per row.</summary>
    private IQueryable<UserRow> Project(IQueryable<AppUser> users, (string Group, string Administrators) roles)
    {
        var (group, administrators) = roles;
        var now = time.GetUtcNow();
        var (active, expired) = (TokenExpiry.ActiveAt(now), TokenExpiry.ExpiredAt(now));
        var tokens = db.Tokens;
        Expression<Func<AppUser, bool, UserRow>> row = (u, strong) => new UserRow(
            u.Id,
            u.Email,
            u.UserName,
            db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == group),
            db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == administrators),
            tokens.Where(t => t.OwnerId == u.Id).Count(active),
            tokens.Where(t => t.OwnerId == u.Id).Count(expired),
            strong);

        // The strong sign-in rule is inlined into the same statement, as one more column.
        var user = row.Parameters[0];
        var strongSignInOf = ReplacingExpressionVisitor.Replace(strongSignIn.Predicate.Parameters[0], user, strongSignIn.Predicate.Body);
        return users.Select(Expression.Lambda<Func<AppUser, UserRow>>(ReplacingExpressionVisitor.Replace(row.Parameters[1], strongSignInOf, row.Body), user));
    }

    private async Task<(string Group, string Administrators)> RoleIdsAsync(CancellationToken ct)
    {
        var ids = await db.Roles.AsNoTracking()
            .Where(r => r.Name == Roles.ApiTokensGroup || r.Name == Roles.Administrators)
            .ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        return (ids.GetValueOrDefault(Roles.ApiTokensGroup, string.Empty), ids.GetValueOrDefault(Roles.Administrators, string.Empty));
    }
}
