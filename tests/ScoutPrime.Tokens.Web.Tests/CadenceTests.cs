using Microsoft.Extensions.Time.Testing;
using ScoutPrime.Tokens.Web.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>The background services' cadence: beats on the injected clock, skips missed beats, and ends quietly when stopped.</summary>
public sealed class CadenceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_clock_moved_on_by_a_day_wakes_the_loop_once_then_the_cadence_resumes()
    {
        var cadence = new Cadence(TimeSpan.FromSeconds(1), _time);
        _time.Advance(TimeSpan.FromDays(1));
        Assert.True(await cadence.WaitForNextTickAsync(CancellationToken.None));

        var next = cadence.WaitForNextTickAsync(CancellationToken.None).AsTask();
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await next);
    }

    [Fact]
    public async Task Stopping_ends_the_wait_with_false_never_an_exception()
    {
        var cadence = new Cadence(TimeSpan.FromMinutes(1), _time);
        using var stop = new CancellationTokenSource();
        var waiting = cadence.WaitForNextTickAsync(stop.Token).AsTask();

        await stop.CancelAsync();

        Assert.False(await waiting);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.False(await cadence.WaitForNextTickAsync(stop.Token));
    }
}
