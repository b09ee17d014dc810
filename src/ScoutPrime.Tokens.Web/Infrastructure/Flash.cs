using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace ScoutPrime.Tokens.Web.Infrastructure;

/// <summary>
/// The one-line message a screen shows after a redirect ("Token 'x' deleted."): set by an action, shown once by
/// the layout. The key lives only here.
/// </summary>
public static class Flash
{
    private const string Key = "Flash";

    public static void SetFlash(this ITempDataDictionary tempData, string message) => tempData[Key] = message;

    /// <summary>The message, if any; reading it is what removes it, so it shows once.</summary>
    public static string? TakeFlash(this ITempDataDictionary tempData) => tempData[Key] as string;
}
