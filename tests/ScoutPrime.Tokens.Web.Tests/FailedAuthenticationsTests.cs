using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ScoutPrime.Tokens.Web.Api;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>
/// The failure counters stay bounded in number whatever the number of addresses, and free their places when their
/// windows end. Driven directly: ten thousand client addresses through HTTP would test the test server, not this.
/// </summary>
public sealed class FailedAuthenticationsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Past_the_bound_new_addresses_share_one_counter_until_old_windows_end()
    {
        var failures = new FailedAuthentications(_time, Options.Create(new ApiOptions()));
        for (var i = 0; i < FailedAuthentications.MaxAddresses; i++)
        {
            Assert.Equal(1, failures.RecordFailure(Address(i)));
        }

        // Full: two new addresses are counted together, and an address never seen is judged by that shared counter.
        Assert.Equal(1, failures.RecordFailure("198.51.100.1"));
        Assert.Equal(2, failures.RecordFailure("198.51.100.2"));
        for (var i = 0; i < 8; i++)
        {
            failures.RecordFailure("198.51.100.3");
        }

        Assert.NotNull(failures.RetryAfter("198.51.100.4"));
        Assert.Null(failures.RetryAfter(Address(0)));

        // Once the old windows have ended, their places are freed: each new address has a counter of its own again.
        _time.Advance(FailedAuthentications.Window);
        Assert.Equal(1, failures.RecordFailure("198.51.100.5"));
        Assert.Equal(1, failures.RecordFailure("198.51.100.6"));
        Assert.Null(failures.RetryAfter("198.51.100.7"));
    }

    private static string Address(int i) => $"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}";
}
