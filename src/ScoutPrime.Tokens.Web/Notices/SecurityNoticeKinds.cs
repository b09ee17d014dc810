using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.TokenState;
using static ScoutPrime.Tokens.Web.TokenState.TokenStateChange;

namespace ScoutPrime.Tokens.Web.Notices;

/// <summary>What a change is worth telling its owner, as a subject and a sentence (null: nothing to tell).</summary>
public sealed record SecurityNoticeText(string Subject, string Text);

/// <summary>
/// Which committed changes the owner is told of; a new kind of notice is one line here. Never a token code: the
/// changes carry none.
/// </summary>
public static class SecurityNoticeKinds
{
    public static SecurityNoticeText? For(TokenStateChange change) => change switch
    {
        TokenCreated c => new("A new API token was created", $"The API token \"{c.Description}\" was created on your account; it expires on {NoticeMail.Utc(c.ExpiresAt)}."),
        TokenDeleted { ByAnotherUser: true, Reason: { } reason } d => new("An administrator revoked your API token", $"An administrator revoked your API token \"{d.Description}\" ({reason}). Calls made with it are now refused."),
        TokenDeleted { ByAnotherUser: true } d => new("An administrator deleted your API token", $"An administrator deleted your API token \"{d.Description}\". Calls made with it are now refused."),
        TokenDeleted { DeletedBy: null, Reason: { } reason } d => new("Your API token was revoked", $"Your API token \"{d.Description}\" was revoked: {reason}. Calls made with it are now refused."),
        TokenRevokedByLeakReport l => new("Your API token was reported as leaked and revoked", $"The code of your API token \"{l.Description}\" was reported as leaked ({l.Source}), so the token was revoked at once. Create a new token for whatever used it."),
        TokenRotated r => new("An API token was rotated", $"Your API token \"{r.Description}\" was rotated to a new code; the old code works until {NoticeMail.Utc(r.ReplacedUntil)}{(r.UntilFirstUse ? ", or until the new code is first used" : "")}."),
        TokenSuspended s => new("An API token was suspended", $"Your API token \"{s.Description}\" was suspended: calls made with it are refused until it is resumed."),
        OwnerChanged { What: OwnerChange.Membership, Role: Roles.ApiTokensGroup, Member: true } => new("You were added to the API Tokens Group", "You were added to the API Tokens Group: you can create API tokens, and your tokens work."),
        OwnerChanged { What: OwnerChange.Membership, Role: Roles.ApiTokensGroup, Member: false } => new("You were removed from the API Tokens Group", "You were removed from the API Tokens Group: your API tokens are refused until you are added back."),
        _ => null,
    };
}
