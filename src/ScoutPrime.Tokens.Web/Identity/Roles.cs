using System.Security.Claims;

namespace ScoutPrime.Tokens.Web.Identity;

public static class Roles
{
    public const string ApiTokensGroup = "API Tokens Group";
    public const string Administrators = "Administrators";

    public static readonly IReadOnlyList<string> All = [ApiTokensGroup, Administrators];
}

public static class Policies
{
    public const string ManageTokens = nameof(ManageTokens);
    public const string Administer = nameof(Administer);
}

public static class ClaimsPrincipalExtensions
{
    /// <summary>The signed-in user's id; only called behind an authorization policy, so it is always there.</summary>
    public static string GetUserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("The user is not signed in.");
}
