using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ScoutPrime.Tokens.Web.Infrastructure;
using ScoutPrime.Tokens.Web.Throttling;
using ScoutPrime.Tokens.Web.Validation;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>
/// The failure gate's table stays bounded whatever the number of addresses, and a full table never refuses an address
/// it has not seen fail. Driven directly: ten thousand client addresses through HTTP would test the test server, not this.
/// </summary>
public sealed class FailureGateTests : IDisposable
{
    private const int Limit = 10;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 9, 0, 30, TimeSpan.Zero));
    private readonly FakeLogger<FailureGate> _log = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FailureGate _gate;

    public FailureGateTests() =>
        _gate = new FailureGate(_time, Options.Create(new FailureGateOptions()), new TokenMetrics(_services.GetRequiredService<IMeterFactory>()), _log);

    [Fact]
    public void A_full_table_of_blocked_addresses_never_refuses_an_address_that_has_not_failed()
    {
        for (var i = 0; i < FailureGate.MaxAddresses; i++)
        {
            Block(Address(i));
        }

        // The one attacker holds every place; a newcomer failing over and over is still answered 401, never 429.
        for (var i = 0; i < Limit * 3; i++)
        {
            Assert.Null(_gate.Fail("198.51.100.1", "UnknownOrDeleted", null));
        }

        Assert.Null(_gate.RetryAfter("198.51.100.1"));
        Assert.Null(_gate.RetryAfter("198.51.100.2"));
        Assert.NotNull(_gate.RetryAfter(Address(0)));
        Assert.Single(_log.Collector.GetSnapshot(), r => r.Message.Contains("is full (10000", StringComparison.Ordinal));
    }

    [Fact]
    public void The_table_holds_exactly_its_bound_and_one_over_is_not_counted()
    {
        for (var i = 0; i < FailureGate.MaxAddresses - 1; i++)
        {
            Block(Address(i));
        }

        Block("198.51.100.1");
        Assert.NotNull(_gate.RetryAfter("198.51.100.1"));
        Assert.Equal(FailureGate.MaxAddresses, FillLevel());

        Block("198.51.100.2");
        Assert.Null(_gate.RetryAfter("198.51.100.2"));
        Assert.Equal(FailureGate.MaxAddresses, FillLevel());

        // Once the windows have ended, their places are free: a new address is counted, and blocked, again.
        _time.Advance(FailureGate.Window);
        Block("198.51.100.3");
        Assert.NotNull(_gate.RetryAfter("198.51.100.3"));
        Assert.Equal(1, FillLevel());
    }

    [Fact]
    public void A_table_full_of_addresses_that_are_not_blocked_forgets_them_to_count_a_new_one()
    {
        for (var i = 0; i < FailureGate.MaxAddresses; i++)
        {
            _gate.Fail(Address(i), "UnknownOrDeleted", null);
        }

        Block("198.51.100.1");

        Assert.NotNull(_gate.RetryAfter("198.51.100.1"));
        Assert.Equal(1, FillLevel());
        Assert.DoesNotContain(_log.Collector.GetSnapshot(), r => r.Message.Contains("is full", StringComparison.Ordinal));
    }

    [Fact]
    public void A_full_table_is_logged_once_while_it_stays_full_and_again_once_it_has_emptied_and_filled_up()
    {
        for (var i = 0; i < FailureGate.MaxAddresses; i++)
        {
            Block(Address(i));
        }

        Assert.Null(_gate.Fail("198.51.100.1", "UnknownOrDeleted", null));
        // Known addresses keep calling, and newcomers keep coming: still the one line while the table stays full.
        Assert.NotNull(_gate.Fail(Address(0), "UnknownOrDeleted", null));
        Assert.Null(_gate.Fail("198.51.100.2", "UnknownOrDeleted", null));
        Assert.Equal(1, FullLines());

        // The windows end: the next address empties the table, and a table that fills up again is logged again.
        _time.Advance(FailureGate.Window);
        for (var i = 0; i < FailureGate.MaxAddresses; i++)
        {
            Block(Address(FailureGate.MaxAddresses + i));
        }

        Assert.Null(_gate.Fail("198.51.100.3", "UnknownOrDeleted", null));
        Assert.Equal(2, FullLines());
    }

    [Fact]
    public void A_full_table_that_empties_only_down_to_half_is_not_logged_again_when_it_fills_up()
    {
        // Blocked in two waves 30 s apart: when the first wave's windows end, half the table stays blocked.
        var half = FailureGate.MaxAddresses / 2;
        for (var i = 0; i < half + 1; i++)
        {
            Block(Address(i));
        }

        _time.Advance(FailureGate.Window / 2);
        for (var i = half + 1; i < FailureGate.MaxAddresses; i++)
        {
            Block(Address(i));
        }

        Assert.Null(_gate.Fail("198.51.100.1", "UnknownOrDeleted", null));
        Assert.Equal(1, FullLines());

        // The first wave is forgotten: with the newcomer the table holds exactly half, not less, so it is still "full".
        _time.Advance(FailureGate.Window / 2);
        Block("198.51.100.2");
        Assert.Equal(half, FillLevel());
        for (var i = 0; i < half; i++)
        {
            Block(Address(FailureGate.MaxAddresses + i));
        }

        Assert.Null(_gate.Fail("198.51.100.3", "UnknownOrDeleted", null));
        Assert.Equal(1, FullLines());
    }

    [Fact]
    public void Rotating_addresses_cannot_write_more_than_the_global_ration_then_one_line_counts_the_rest()
    {
        for (var i = 0; i < FailureGate.LoggedInAll + 500; i++)
        {
            _gate.Fail(Address(i), "UnknownOrDeleted", null);
        }

        var lines = _log.Collector.GetSnapshot();
        Assert.Equal(FailureGate.LoggedInAll, lines.Count(r => r.Message == "API call refused: UnknownOrDeleted"));
        Assert.Single(lines, r => r.Message.Contains("the rest are only counted", StringComparison.Ordinal));

        _time.Advance(FailureGate.Window);
        _gate.Fail("198.51.100.1", "UnknownOrDeleted", null);
        Assert.Equal("500 refused API calls of an earlier minute were not logged", _log.Collector.GetSnapshot()[^2].Message);
        Assert.Equal("API call refused: UnknownOrDeleted", _log.LatestRecord.Message);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    [InlineData(null, "unknown")]
    public void Addresses_are_counted_as_IPv4_or_by_their_IPv6_64(string? remote, string counted)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = remote is null ? null : IPAddress.Parse(remote);

        Assert.Equal(counted, ClientAddress.KeyOf(context));
    }

    public void Dispose() => _services.Dispose();

    private static string Address(int i) => $"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}";

    private void Block(string address)
    {
        for (var i = 0; i < Limit; i++)
        {
            _gate.Fail(address, "UnknownOrDeleted", null);
        }
    }

    private int FullLines() => _log.Collector.GetSnapshot().Count(r => r.Message.Contains("is full (10000", StringComparison.Ordinal));

    private int FillLevel()
    {
        using var gauge = new MetricCollector<int>(_services.GetRequiredService<IMeterFactory>(), TokenMetrics.MeterName, TokenMetrics.FailingAddressesName);
        gauge.RecordObservableInstruments();
        return (int)gauge.LastMeasurement!.Value;
    }
}
