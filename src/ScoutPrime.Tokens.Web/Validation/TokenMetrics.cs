using System.Diagnostics.Metrics;

namespace ScoutPrime.Tokens.Web.Validation;

/// <summary>
/// The API's instruments, on the meter <see cref="MeterName"/>: how often a token had to be read from the database
/// (a validation-cache miss) next to ASP.NET Core's own request counts shows how well the cache serves the traffic;
/// how full the table of failing addresses is shows an attack from many addresses.
/// </summary>
public sealed class TokenMetrics
{
    public const string MeterName = "ScoutPrime.Tokens.Api";
    public const string DatabaseLookupsName = "scoutprime.tokens.database_lookups";
    public const string FailingAddressesName = "scoutprime.tokens.failing_addresses";

    private readonly Meter _meter;
    private readonly Counter<long> _databaseLookups;

    public TokenMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _databaseLookups = _meter.CreateCounter<long>(
            DatabaseLookupsName, "{lookup}", "Token validations that missed the validation cache and read the database.");
    }

    public void DatabaseLookup() => _databaseLookups.Add(1);

    public void ObserveFailingAddresses(Func<int> count, int capacity) => _meter.CreateObservableGauge(
        FailingAddressesName, count, "{address}", $"Client addresses whose failed authentications are counted, of at most {capacity}.");
}
