using System.Globalization;

namespace ScoutPrime.Tokens.Web.Infrastructure;

/// <summary>How dates, relative times and initials read on the screens.</summary>
public static class DisplayText
{
    /// <summary>"2026-11-01 09:00 UTC".</summary>
    public static string DateAndTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"2026-11-01" (UTC).</summary>
    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>"in 12 days", "3 hours ago", "just now".</summary>
    public static string Relative(DateTimeOffset at, DateTimeOffset now)
    {
        var span = at - now;
        var amount = Amount(span.Duration());
        return amount is null ? "just now" : span > TimeSpan.Zero ? $"in {amount}" : $"{amount} ago";
    }

    /// <summary>Up to two letters from the account name: "jane.doe@example.com" gives "JD".</summary>
    public static string Initials(string? name)
    {
        var local = (name ?? string.Empty).Split('@')[0];
        var parts = local.Split(['.', '_', '-', ' ', '+'], StringSplitOptions.RemoveEmptyEntries);
        var letters = parts.Length >= 2 ? $"{parts[0][0]}{parts[1][0]}" : local.Length > 0 ? local[..Math.Min(2, local.Length)] : "?";
        return letters.ToUpperInvariant();
    }

    private static string? Amount(TimeSpan span) => span switch
    {
        { TotalMinutes: < 1 } => null,
        { TotalHours: < 1 } => Plural((int)span.TotalMinutes, "minute"),
        { TotalDays: < 1 } => Plural((int)span.TotalHours, "hour"),
        { TotalDays: < 60 } => Plural((int)span.TotalDays, "day"),
        { TotalDays: < 730 } => Plural((int)(span.TotalDays / 30), "month"),
        _ => Plural((int)(span.TotalDays / 365), "year"),
    };

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
}
