namespace ScoutPrime.Tokens.Web.Infrastructure;

/// <summary>
/// A fixed cadence on a <see cref="TimeProvider"/>, for the background services that work every so often. Like
/// <see cref="PeriodicTimer"/>, a slow round does not stretch the interval; unlike it, beats that were missed (a round
/// that overran, a clock that jumped) are skipped rather than replayed: a clock moved on by a day wakes the loop once,
/// not 86,400 times for a one-second cadence (a test's FakeTimeProvider fires a periodic timer once per period passed).
/// </summary>
public sealed class Cadence(TimeSpan interval, TimeProvider time)
{
    private DateTimeOffset _next = time.GetUtcNow() + interval;

    /// <summary>
    /// Waits for the next beat: true then, false once <paramref name="ct"/> is cancelled, so a service's loop simply
    /// ends when the host stops, also when it stops because its start failed (a cancellation thrown out of
    /// <c>ExecuteAsync</c> then would be logged as a crash of the service).
    /// </summary>
    public async ValueTask<bool> WaitForNextTickAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_next > now)
        {
            try
            {
                await Task.Delay(_next - now, time, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return false;
            }

            now = time.GetUtcNow();
        }

        if (ct.IsCancellationRequested)
        {
            return false;
        }

        _next = _next + interval > now ? _next + interval : now + interval;
        return true;
    }
}
