using System.Security.Claims;
using ScoutPrime.Tokens.Web.Api;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tokens;
using ScoutPrime.Tokens.Web.Validation;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>
/// The calling token travels on the identity it authenticated, so endpoints read it without authenticating again;
/// these are the rules the HTTP tests cannot isolate: copies keep it, and a caller without it is a programming error.
/// </summary>
public sealed class TokenClaimsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_ticket_carries_the_owner_the_token_and_the_group_role_only_while_the_owner_may_call()
    {
        var token = Token();

        var member = TokenClaims.TicketOf(token, ownerMayCall: true, ApiTokenAuthenticationOptions.Scheme).Principal;
        var outsider = TokenClaims.TicketOf(token, ownerMayCall: false, ApiTokenAuthenticationOptions.Scheme).Principal;

        Assert.Equal(token.OwnerId, member.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal(token.TokenId.ToString(), member.FindFirstValue(TokenClaims.TokenId));
        Assert.Equal("user@example.test", member.Identity?.Name);
        Assert.True(member.IsInRole(Roles.ApiTokensGroup));
        Assert.False(outsider.IsInRole(Roles.ApiTokensGroup));
        Assert.Same(token, TokenClaims.CallingToken(member));
    }

    [Fact]
    public void A_copy_of_the_identity_or_a_principal_merged_with_others_still_names_the_calling_token()
    {
        var token = Token();
        var principal = TokenClaims.TicketOf(token, ownerMayCall: true, ApiTokenAuthenticationOptions.Scheme).Principal;

        var copy = new ClaimsPrincipal(principal.Identities.Select(i => i.Clone()));
        var merged = new ClaimsPrincipal(new ClaimsIdentity());
        merged.AddIdentities(principal.Identities);

        Assert.Same(token, TokenClaims.CallingToken(copy));
        Assert.Same(token, TokenClaims.CallingToken(merged));
        Assert.Equal(principal.Claims.Select(c => (c.Type, c.Value)), copy.Claims.Select(c => (c.Type, c.Value)));
    }

    [Fact]
    public void A_caller_that_did_not_authenticate_with_a_token_has_no_calling_token()
    {
        var cookie = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "someone")], "Identity.Application"));

        Assert.Throws<InvalidOperationException>(() => TokenClaims.CallingToken(cookie));
    }

    private static ValidatedToken Token() => new(
        Guid.NewGuid(), TokenCode.Digest(TokenCode.Generate()), "a script", Now.AddDays(30), null, "owner-1", "user@example.test", "user@example.test",
        true, null, Now, false, null, null);
}
