namespace ScoutPrime.Tokens.Web.TokenState;

/// <summary>
/// A committed change to a token or to its owner's standing, announced once by the feature that made it. Whatever
/// keeps state about tokens (the API's validation cache today; a revocation feed or notices later) subscribes with an
/// <see cref="ITokenStateSubscriber"/>; no feature calls into another's internals.
/// </summary>
public abstract record TokenStateChange(string OwnerId)
{
    /// <summary>A token's description or expiry changed; its digest finds it wherever it is held.</summary>
    public sealed record TokenEdited(string OwnerId, Guid TokenId, byte[] Digest) : TokenStateChange(OwnerId);

    /// <summary>A token was created; what its owner is told of it (never its code).</summary>
    public sealed record TokenCreated(string OwnerId, Guid TokenId, string Description, DateTimeOffset ExpiresAt) : TokenStateChange(OwnerId);

    /// <summary>A token was suspended, by its owner or an administrator (<paramref name="ActorId"/>): refused until resumed.</summary>
    public sealed record TokenSuspended(string OwnerId, Guid TokenId, byte[] Digest, string ActorId, string Description) : TokenStateChange(OwnerId);

    /// <summary>A suspended token was resumed, by its owner or an administrator (<paramref name="ActorId"/>).</summary>
    public sealed record TokenResumed(string OwnerId, Guid TokenId, byte[] Digest, string ActorId) : TokenStateChange(OwnerId);

    /// <summary>
    /// A token was rotated: <paramref name="SuccessorId"/> replaces it, and it works until <paramref name="ReplacedUntil"/>
    /// (sooner, at the successor's first use, when <paramref name="UntilFirstUse"/>).
    /// </summary>
    public sealed record TokenRotated(
        string OwnerId, Guid TokenId, byte[] Digest, Guid SuccessorId, DateTimeOffset ReplacedUntil, bool UntilFirstUse, string ActorId, string Description)
        : TokenStateChange(OwnerId);

    /// <summary>A rotated token's overlap ended early, at <paramref name="At"/>: its successor was used for the first time.</summary>
    public sealed record TokenReplacementEnded(string OwnerId, Guid TokenId, Guid SuccessorId, DateTimeOffset At) : TokenStateChange(OwnerId);

    /// <summary>
    /// A token was deleted, by its owner, an administrator or a policy: <paramref name="DeletedBy"/> says who (null for a
    /// policy or when not known); <paramref name="Description"/> is what names the token once it is gone;
    /// <paramref name="Reason"/> is what an administrator or a policy gave (a bulk revoke, idle revocation).
    /// </summary>
    public sealed record TokenDeleted(string OwnerId, Guid TokenId, string? DeletedBy = null, string? Description = null, string? Reason = null)
        : TokenStateChange(OwnerId)
    {
        public bool ByAnotherUser => DeletedBy is not null && DeletedBy != OwnerId;

        /// <summary>The administrator who deleted another user's token; null for the owner's own delete or a policy's.</summary>
        public string? ByAdministratorId => ByAnotherUser ? DeletedBy : null;
    }

    /// <summary>
    /// The owner's standing may have changed: membership, lockout, any saved change, or the account's deletion.
    /// A membership change names the <paramref name="Role"/>, whether the owner is now a <paramref name="Member"/>
    /// of it, and who made it (<paramref name="ChangedBy"/>).
    /// </summary>
    public sealed record OwnerChanged(string OwnerId, OwnerChange What, string? Role = null, bool? Member = null, string? ChangedBy = null)
        : TokenStateChange(OwnerId);
}

public enum OwnerChange
{
    /// <summary>Any saved change to the account through Identity: a lockout, a password, a security stamp.</summary>
    Updated,
    Membership,
    Deleted,
}

/// <summary>Told of every <see cref="TokenStateChange"/> after its commit, on the request that made it: keep it quick, never throw.</summary>
public interface ITokenStateSubscriber
{
    void OnCommitted(TokenStateChange change);
}

/// <summary>
/// The one way a change announces itself. Call <see cref="Committed"/> after the transaction that made the change has
/// committed, never before: a call validated in between would otherwise keep what the change just replaced.
/// </summary>
public sealed class TokenStateChanges(IEnumerable<ITokenStateSubscriber> subscribers)
{
    private readonly ITokenStateSubscriber[] _subscribers = [.. subscribers];

    public void Committed(TokenStateChange change)
    {
        foreach (var subscriber in _subscribers)
        {
            subscriber.OnCommitted(change);
        }
    }
}
