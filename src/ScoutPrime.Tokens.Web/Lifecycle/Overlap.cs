using System.Xml;

namespace ScoutPrime.Tokens.Web.Lifecycle;

/// <summary>
/// How long a rotated token's old code keeps working: one of a few fixed choices, named as the API takes them
/// (an ISO 8601 duration, or <see cref="UntilFirstUseName"/>), so the screen's radio buttons and the API agree.
/// </summary>
public sealed record Overlap(string Name, TimeSpan Length, bool UntilFirstUse, string Label)
{
    public const string UntilFirstUseName = "untilFirstUse";

    /// <summary>The longest an "until first use" overlap lasts when the new code is never used.</summary>
    public static readonly TimeSpan FirstUseCap = TimeSpan.FromHours(24);

    public static readonly Overlap FirstUse = new(UntilFirstUseName, FirstUseCap, true, "Until the new code is first used (at most 24 hours)");

    public static readonly IReadOnlyList<Overlap> Choices =
    [
        FirstUse,
        new("PT1H", TimeSpan.FromHours(1), false, "1 hour"),
        new("PT24H", TimeSpan.FromHours(24), false, "24 hours"),
        new("P7D", TimeSpan.FromDays(7), false, "7 days"),
        new("PT0S", TimeSpan.Zero, false, "Stop now"),
    ];

    public const string AllowedValues = "\"untilFirstUse\", \"PT1H\", \"PT24H\", \"P7D\" or \"PT0S\" (stop now)";

    /// <summary>
    /// A choice by name or by any ISO 8601 spelling of an allowed length ("P1D" is "PT24H"); null for anything else.
    /// Absent means the default, <see cref="FirstUse"/>.
    /// </summary>
    public static Overlap? Parse(string? text)
    {
        if (text is null)
        {
            return FirstUse;
        }

        if (text.Length is 0 or > 32)
        {
            return null;
        }

        if (text == UntilFirstUseName)
        {
            return FirstUse;
        }

        TimeSpan length;
        try
        {
            // XmlConvert reads ISO 8601 durations (xs:duration); it also takes a leading '-', which no choice matches.
            length = XmlConvert.ToTimeSpan(text);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            return null;
        }

        return Choices.FirstOrDefault(c => !c.UntilFirstUse && c.Length == length);
    }

    /// <summary>When a token rotated at <paramref name="now"/> stops working at the latest.</summary>
    public DateTimeOffset CutOff(DateTimeOffset now) => now + Length;
}
