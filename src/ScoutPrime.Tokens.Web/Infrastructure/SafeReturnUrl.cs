using Microsoft.AspNetCore.Mvc;

namespace ScoutPrime.Tokens.Web.Infrastructure;

/// <summary>
/// A <c>returnUrl</c> the site may redirect to: local (<see cref="IUrlHelper.IsLocalUrl"/>) and printable ASCII,
/// since a Location header cannot carry anything else (Kestrel refuses it with a 500, after the action has run).
/// Check it before doing anything, and fall back to a page of the site when it is refused.
/// </summary>
public static class SafeReturnUrl
{
    public static string? LocalOrNull(this IUrlHelper url, string? returnUrl) =>
        url.IsLocalUrl(returnUrl) && returnUrl.All(c => c is > ' ' and < (char)0x7F) ? returnUrl : null;
}
