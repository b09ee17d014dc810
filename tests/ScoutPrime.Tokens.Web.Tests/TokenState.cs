using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>A token and its owner's standing, as stored, and what a lookup must make of them.</summary>
public sealed record TokenState(
    string Name,
    string[] OwnerRoles,
    (bool Enabled, TimeSpan EndFromNow)? Lockout,
    bool Expired,
    bool Used,
    bool InGroup,
    bool MayCall) : ITheoryCases<TokenState>
{
    private static readonly TokenState Member =
        new("member, never used", [Roles.ApiTokensGroup], Lockout: null, Expired: false, Used: false, InGroup: true, MayCall: true);

    public static IReadOnlyList<TokenState> All { get; } =
    [
        Member,
        Member with { Name = "member, used", Used = true },
        Member with { Name = "expired", Expired = true },
        Member with { Name = "outside the group", OwnerRoles = [], InGroup = false, MayCall = false },
        Member with { Name = "administrator only", OwnerRoles = [Roles.Administrators], InGroup = false, MayCall = false },
        Member with { Name = "locked out", Lockout = (true, TimeSpan.FromHours(1)), MayCall = false },
        Member with { Name = "lockout end set, lockout disabled", Lockout = (false, TimeSpan.FromHours(1)) },
        Member with { Name = "lockout over", Lockout = (true, TimeSpan.FromHours(-1)) },
    ];

    public override string ToString() => Name;
}
