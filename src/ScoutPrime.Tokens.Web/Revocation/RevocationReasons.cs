using ScoutPrime.Tokens.Web.TokenState;

namespace ScoutPrime.Tokens.Web.Revocation;

/// <summary>
/// Which <see cref="TokenStateChange"/> goes into the feed, and how. Every change is recorded: one this switch does not
/// know yet (a new record in <c>TokenState/</c>) makes the other instances forget all of its owner's tokens, under its
/// type's name. Naming it here, one line, only gives it its own reason and its token's id.
/// </summary>
public static class RevocationReasons
{
    public static (string Reason, Guid? TokenId) Of(TokenStateChange change) => change switch
    {
        // An edit restarts the timeout from now, which can shorten a token's validity: the other instances must re-read it.
        TokenStateChange.TokenEdited e => ("token.edited", e.TokenId),
        TokenStateChange.TokenDeleted d => ("token.deleted", d.TokenId),
        TokenRevokedByLeakReport l => ("token.leak-reported", l.TokenId),
        TokenStateChange.OwnerChanged o => ("owner." + o.What.ToString().ToLowerInvariant(), null),
        _ => (Truncate(change.GetType().Name), null),
    };

    private static string Truncate(string name) =>
        name.Length <= RevocationFeedEntry.ReasonLength ? name : name[..RevocationFeedEntry.ReasonLength];
}
