using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.TokenState;
using static ScoutPrime.Tokens.Web.TokenState.TokenStateChange;

namespace ScoutPrime.Tokens.Web.Notices;

/// <summary>What a change is worth telling its owner, as a subject and a sentence (null: nothing to tell).</summary>
public sealed record SecurityNoticeText(string Subject, string Text);

/// <summary>
/// Which committed changes the owner is told of. A new kind of notice is one line here (a rotated, suspended or
/// leak-revoked token, once those changes exist). Never a token code: the changes carry none.
/// </summary>
public static class SecurityNoticeKinds
{
    public static SecurityNoticeText? For(TokenStateChange change) => change switch
    {
        TokenCreated c => new("A new API token was created", $"The API token \"{c.Description}\" was created on your account; it expires on {NoticeMail.Utc(c.ExpiresAt)}."),
        TokenDeleted { ByAnotherUser: true } d => new("An administrator deleted your API token", $"An administrator deleted your API token \"{d.Description}\". Calls made with it are now refused."),
        OwnerChanged { What: OwnerChange.Membership, Role: Roles.ApiTokensGroup, Member: true } => new("You were added to the API Tokens Group", "You were added to the API Tokens Group: you can create API tokens, and your tokens work."),
        OwnerChanged { What: OwnerChange.Membership, Role: Roles.ApiTokensGroup, Member: false } => new("You were removed from the API Tokens Group", "You were removed from the API Tokens Group: your API tokens are refused until you are added back."),
        _ => null,
    };
}
