using ScoutPrime.Tokens.Web.Throttling;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>One address's window: where it starts, where it ends to the tick, and what a new window forgets.</summary>
public sealed class FailureCounterTests
{
    private const int Limit = 3;
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly FailureCounter _counter = new();

    [Fact]
    public void Failures_are_counted_up_to_the_limit_then_the_address_waits_until_its_window_ends()
    {
        for (var i = 1; i <= Limit; i++)
        {
            Assert.Null(_counter.Fail(Start.AddSeconds(i), Limit, out var failures));
            Assert.Equal(i, failures);
        }

        // The window runs from the first failure, not the last: 60 s after Start + 1 s.
        var now = Start.AddSeconds(10);
        Assert.Equal(TimeSpan.FromSeconds(51), _counter.RetryAfter(now, Limit));
        Assert.Equal(TimeSpan.FromSeconds(51), _counter.Fail(now, Limit, out var counted));
        Assert.Equal(0, counted);
        Assert.Null(_counter.RetryAfter(now, Limit + 1));
    }

    [Fact]
    public void The_window_ends_exactly_sixty_seconds_after_its_first_failure_and_the_next_one_starts_from_zero()
    {
        Block(Start);
        var end = Start + FailureGate.Window;
        Assert.Equal(TimeSpan.FromTicks(1), _counter.RetryAfter(end - TimeSpan.FromTicks(1), Limit));
        Assert.Null(_counter.RetryAfter(end, Limit));

        // A failure at the very tick the window ends opens a new one, counted from one again.
        Assert.Null(_counter.Fail(end, Limit, out var failures));
        Assert.Equal(1, failures);
        Assert.Null(_counter.Fail(end, Limit, out _));
        Assert.Null(_counter.Fail(end, Limit, out _));
        Assert.Equal(FailureGate.Window, _counter.RetryAfter(end, Limit));
    }

    [Fact]
    public void The_first_refusal_is_reported_once_per_window()
    {
        Block(Start);
        Assert.True(_counter.FirstRefusal());
        Assert.False(_counter.FirstRefusal());
        Assert.False(_counter.FirstRefusal());

        Block(Start + FailureGate.Window);
        Assert.True(_counter.FirstRefusal());
        Assert.False(_counter.FirstRefusal());
    }

    private void Block(DateTimeOffset at)
    {
        for (var i = 0; i < Limit; i++)
        {
            Assert.Null(_counter.Fail(at, Limit, out _));
        }

        Assert.NotNull(_counter.RetryAfter(at, Limit));
    }
}
