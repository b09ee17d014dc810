using ScoutPrime.Tokens.Web.Revocation;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Sequence numbers commit out of order on SQL Server: a gap is awaited, then given up.</summary>
public sealed class FeedCursorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_row_committed_after_a_later_one_is_still_read_and_acted_on_once()
    {
        var cursor = new FeedCursor(10);
        Assert.True(cursor.Accept(12, Now));
        Assert.Equal(10, cursor.ReadAfter);

        Assert.False(cursor.Accept(12, Now));
        Assert.True(cursor.Accept(11, Now));
        Assert.False(cursor.Accept(11, Now));
        Assert.Equal(12, cursor.ReadAfter);
    }

    [Fact]
    public void A_gap_that_stays_empty_is_given_up_after_the_wait()
    {
        var cursor = new FeedCursor(0);
        cursor.Accept(3, Now);
        cursor.Expire(Now + FeedCursor.GapWait);
        Assert.Equal(0, cursor.ReadAfter);

        cursor.Expire(Now + FeedCursor.GapWait + TimeSpan.FromSeconds(1));
        Assert.Equal(3, cursor.ReadAfter);
        Assert.False(cursor.Accept(2, Now));
    }

    [Fact]
    public void A_jump_wider_than_any_burst_in_flight_is_not_awaited()
    {
        var cursor = new FeedCursor(5);
        Assert.True(cursor.Accept(5 + 1_002, Now));
        Assert.Equal(1_007, cursor.ReadAfter);
        Assert.False(cursor.Accept(1_007, Now));
    }
}
