using ScoutPrime.Tokens.Web.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Lifecycle;

public sealed record RotateViewModel(TokenSummary Token, string Selected)
{
    public IReadOnlyList<Overlap> Choices => Overlap.Choices;
}

/// <summary>Why a lifecycle change was refused, and where "Back" leads (the user's own list unless said otherwise).</summary>
public sealed record LifecycleRefusalViewModel(string Description, string Message, string? BackUrl = null, string BackLabel = "Back to API Tokens");

/// <summary>The words the lifecycle screens use, so the owner's list, the refusals and the administrators' pages agree.</summary>
public static class LifecycleText
{
    public const string SuspensionOfExpired = "Expired tokens can't be suspended or resumed — delete it and create a new one.";

    public const string SuspendedHelp = "Refused by the API until resumed; its expiry keeps running.";

    public static string RotationRefusal(RotationOutcome outcome) => outcome switch
    {
        RotationOutcome.Expired => "Expired tokens can't be rotated — delete it and create a new one.",
        RotationOutcome.AlreadyReplaced => "This token has already been rotated: use its successor.",
        RotationOutcome.Suspended => "Suspended tokens can't be rotated — resume it first, or delete it and create a new one.",
        RotationOutcome.AtCap => "You have as many tokens as one person may have. Delete one you no longer need, then rotate.",
        _ => "This token can't be rotated.",
    };

    public static string Rotated(string description, RotationResult result, DateTimeOffset now) =>
        $"Token '{description}' rotated. {OldCodeUntil(result.OldWorksUntil, result.UntilFirstUse, now)} Click Show to see the new code.";

    /// <summary>"The old code works until the new one is first used (at most until …)." or "… stopped working."</summary>
    public static string OldCodeUntil(DateTimeOffset until, bool untilFirstUse, DateTimeOffset now) =>
        until <= now ? "The old code has stopped working."
        : untilFirstUse ? $"The old code works until the new one is first used, at most until {DisplayText.DateAndTime(until)}."
        : $"The old code works until {DisplayText.DateAndTime(until)}.";

    /// <summary>The list's line under a replaced token.</summary>
    public static string Replaced(TokenSummary token, DateTimeOffset now) =>
        token.HasStopped(now) ? "Replaced — stopped working"
        : token.ReplacedUntilFirstUse ? $"Replaced — works until the new code is first used (at most {DisplayText.DateAndTime(token.ReplacedUntil!.Value)})"
        : $"Replaced — works until {DisplayText.DateAndTime(token.ReplacedUntil!.Value)}";

    public static string Suspension(string description, bool suspended) =>
        suspended ? $"Token '{description}' suspended: the API refuses it until you resume it." : $"Token '{description}' resumed.";
}
