using Microsoft.Extensions.Logging.Testing;
using ScoutPrime.Tokens.Web.Throttling;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>The global ration of refusal log lines: its count per window, and the summary of what it left out.</summary>
public sealed class LogRationTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeLogger _log = new();
    private readonly LogRation _ration;

    public LogRationTests() => _ration = new LogRation(_log);

    [Fact]
    public void A_window_that_left_nothing_out_ends_without_a_summary_line()
    {
        for (var i = 0; i < FailureGate.LoggedInAll; i++)
        {
            Assert.True(_ration.Allows(Start));
        }

        Assert.True(_ration.Allows(Start + FailureGate.Window));
        Assert.Empty(_log.Collector.GetSnapshot());
    }

    [Fact]
    public void Windows_are_whole_minutes_and_each_starts_a_new_ration()
    {
        var late = Start.AddSeconds(59);
        for (var i = 0; i < FailureGate.LoggedInAll; i++)
        {
            Assert.True(_ration.Allows(i % 2 == 0 ? Start.AddSeconds(1) : late));
        }

        Assert.False(_ration.Allows(late));
        Assert.False(_ration.Allows(late));
        Assert.Equal("More than 1000 refused API calls to log in this minute: the rest are only counted", Assert.Single(_log.Collector.GetSnapshot()).Message);

        // One second later is the next minute: a fresh ration, and one line for the two left out.
        Assert.True(_ration.Allows(Start.AddSeconds(60)));
        Assert.Equal("2 refused API calls of an earlier minute were not logged", _log.LatestRecord.Message);
        Assert.Equal(2, _log.Collector.Count);
    }
}
