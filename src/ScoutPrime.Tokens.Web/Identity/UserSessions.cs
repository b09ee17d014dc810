using System.Data;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.Identity;

/// <summary>
/// How sign-in sessions end. Each sign-in gets a random session id, kept in the cookie's authentication
/// properties (which Identity carries over when it reissues the cookie); logging out records that id as
/// ended, in the database every instance reads. Ending all of a user's sessions changes their security stamp,
/// which <see cref="CurrentSession"/> compares on every request.
/// </summary>
public sealed partial class UserSessions(
    TokensDbContext db,
    UserManager<AppUser> users,
    TimeProvider time,
    ILogger<UserSessions> logger)
{
    internal const string SessionIdKey = ".sessionId";

    /// <summary>How long a logged-out id is kept when the cookie does not say when it expires (Identity's cookie lifetime).</summary>
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(14);

    internal static string? SessionIdOf(AuthenticationProperties? properties) =>
        properties?.Items.TryGetValue(SessionIdKey, out var id) == true ? id : null;

    /// <summary>Gives a new sign-in its session id; a reissued cookie keeps the one it had.</summary>
    internal static void Assign(AuthenticationProperties properties)
    {
        if (SessionIdOf(properties) is null)
        {
            properties.Items[SessionIdKey] = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        }
    }

    /// <summary>Ends the session this request is signed in with, so a copy of its cookie is refused too.</summary>
    public async Task EndCurrentAsync(HttpContext context)
    {
        // Read from what authentication already decided for this request; asking the handler again from inside
        // its own sign-out, or while it validates a cookie it is about to reject, would wait on itself.
        var result = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult;
        if (SessionIdOf(result?.Properties) is not { } id)
        {
            return;
        }

        // Not the request's token: a logout the browser gave up waiting for must still be recorded.
        var now = time.GetUtcNow();
        var sessions = db.Set<EndedSession>();
        await sessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync(CancellationToken.None);
        if (await sessions.AnyAsync(s => s.Id == id, CancellationToken.None))
        {
            return;
        }

        var ended = sessions.Add(new EndedSession { Id = id, ExpiresAt = result!.Properties!.ExpiresUtc ?? now + DefaultLifetime });
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateException)
        {
            ended.State = EntityState.Detached;
            if (!await sessions.AsNoTracking().AnyAsync(s => s.Id == id, CancellationToken.None))
            {
                throw;
            }

            // The same session logged out twice at once: the other request recorded it.
        }
    }

    /// <summary>Ends every session of the user, on every instance, at their next request. False when there is no such user.</summary>
    public async Task<bool> EndAllAsync(string actorId, string userId, CancellationToken ct)
    {
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        db.AuditEntries.Add(new AuditEntry { At = time.GetUtcNow(), ActorId = actorId, SubjectUserId = userId, Action = AuditActions.SessionsEnded });
        await db.SaveChangesAsync(ct);
        var result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Could not end the sessions: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await transaction.CommitAsync(ct);
        LogEnded(logger, userId, actorId);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Every session of user {UserId} ended by {ActorId}")]
    private static partial void LogEnded(ILogger logger, string userId, string actorId);
}
