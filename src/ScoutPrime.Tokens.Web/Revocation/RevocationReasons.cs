using ScoutPrime.Tokens.Web.TokenState;

namespace ScoutPrime.Tokens.Web.Revocation;

/// <summary>
/// Which <see cref="TokenStateChange"/> goes into the feed, and how. Every change is recorded: one this switch does not
/// know yet (a new record in <c>TokenState/</c>) makes the other instances forget all of its owner's tokens, under its
/// type's name. Naming it here, one line, only gives it its own reason and its token's id.
/// </summary>
public static class RevocationReasons
{
    /// <summary>A change that cannot make any token unusable needs no row: a new token is unknown to every cache.</summary>
    public static bool Revokes(TokenStateChange change) => change is not TokenStateChange.TokenCreated;

    public static (string Reason, Guid? TokenId) Of(TokenStateChange change) => change switch
    {
        // An edit restarts the timeout from now, which can shorten a token's validity: the other instances must re-read it.
        TokenStateChange.TokenEdited e => ("token.edited", e.TokenId),
        TokenStateChange.TokenDeleted d => ("token.deleted", d.TokenId),
        TokenRevokedByLeakReport l => ("token.leak-reported", l.TokenId),
        TokenStateChange.TokenSuspended s => ("token.suspended", s.TokenId),
        // A resume makes a token usable again: the other instances must forget that they refused it.
        TokenStateChange.TokenResumed r => ("token.resumed", r.TokenId),
        TokenStateChange.TokenRotated r => ("token.rotated", r.TokenId),
        TokenStateChange.TokenReplacementEnded e => ("token.replacement-ended", e.TokenId),
        TokenStateChange.OwnerChanged o => ("owner." + o.What.ToString().ToLowerInvariant(), null),
        _ => (Truncate(change.GetType().Name), null),
    };

    private static string Truncate(string name) =>
        name.Length <= RevocationFeedEntry.ReasonLength ? name : name[..RevocationFeedEntry.ReasonLength];
}
