using System.Net;
using ScoutPrime.Tokens.Web.Usage;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>The in-memory side of "where a token was used from": which call writes a pair's row, and what a full table does.</summary>
public sealed class UsageTrackerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly IPAddress Client = IPAddress.Parse("198.51.100.7");

    [Fact]
    public void A_pair_writes_on_its_first_call_then_counts_until_the_interval_has_passed()
    {
        var tracker = new UsageTracker();
        var token = Guid.NewGuid();

        Assert.Equal(1, tracker.Observe(token, Client, "job/1", Now, tokenStamped: true)?.Calls);
        Assert.Null(tracker.Observe(token, Client, "job/1", Now.AddMinutes(1), tokenStamped: false));
        Assert.Null(tracker.Observe(token, Client, "job/1", Now.AddMinutes(2), tokenStamped: false));

        // The write carries the calls counted since the last one, this one included.
        var later = tracker.Observe(token, Client, "job/2", Now.AddMinutes(10), tokenStamped: false);
        Assert.Equal((3L, "job/2"), (later?.Calls ?? 0, later?.UserAgent));
    }

    [Fact]
    public void A_table_full_of_live_pairs_still_writes_a_new_pair_with_its_tokens_stamp_and_never_per_call()
    {
        var tracker = new UsageTracker();
        for (var i = 0; i < UsageTracker.Capacity; i++)
        {
            Assert.NotNull(tracker.Observe(Guid.NewGuid(), Client, null, Now, tokenStamped: true));
        }

        // A fleet larger than the table: a new token's first call is written with its LastUsedAt stamp...
        var token = Guid.NewGuid();
        var first = tracker.Observe(token, Client, "cron", Now.AddSeconds(5), tokenStamped: true);
        Assert.Equal((token, "198.51.100.7", 1L), (first?.TokenId ?? default, first?.Address, first?.Calls ?? 0));

        // ...and its next calls, which stamp nothing, write nothing.
        Assert.Null(tracker.Observe(token, Client, "cron", Now.AddSeconds(6), tokenStamped: false));
        Assert.InRange(tracker.Count, UsageTracker.Capacity, UsageTracker.Capacity);

        // Ten minutes on, the old pairs are stale: the table makes room and tracks new pairs again.
        Assert.NotNull(tracker.Observe(token, Client, "cron", Now.AddMinutes(10).AddSeconds(1), tokenStamped: false));
        Assert.Equal(1, tracker.Count);
    }
}
