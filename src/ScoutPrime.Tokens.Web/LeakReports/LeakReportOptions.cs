using System.ComponentModel.DataAnnotations;

namespace ScoutPrime.Tokens.Web.LeakReports;

public sealed class LeakReportOptions
{
    public const string Section = "LeakReports";

    /// <summary>Reports one client address may send per minute, per instance (then 429).</summary>
    [Range(1, 10_000)]
    public int ReportsPerMinute { get; set; } = 10;
}
