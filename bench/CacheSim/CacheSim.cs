#:project ../../src/ScoutPrime.Tokens.Web/ScoutPrime.Tokens.Web.csproj
#:property TreatWarningsAsErrors=false
// Periodic callers against the real TokenValidationCache: which share of their calls are cache hits, for a given cache
// lifetime and first-lookup memory? `dotnet run bench/CacheSim/CacheSim.cs -- [tokens] [minutes]` (defaults 1,000,000, 40).
// Each token calls on its own period, uniform in 1–10 minutes, from a random phase; the first half of the run warms up,
// the second half is measured. No database: a miss is counted and "read" from the token table in memory.
using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Validation;

var tokens = args.Length > 0 ? int.Parse(args[0]) : 1_000_000;
var minutes = args.Length > 1 ? int.Parse(args[1]) : 40;
var seconds = minutes * 60;
var random = new Random(42);
var digests = new byte[tokens][];
var periods = new int[tokens];
var calendar = new List<int>[seconds];
for (var s = 0; s < seconds; s++)
{
    calendar[s] = [];
}

for (var i = 0; i < tokens; i++)
{
    digests[i] = RandomNumberGenerator.GetBytes(32);
    periods[i] = random.Next(60, 601);
    calendar[random.Next(periods[i])].Add(i);
}

Console.WriteLine($"{tokens:N0} tokens, periods 60–600 s, {minutes} min (second half measured)");
Console.WriteLine("| lifetime | first-lookup memory | hit ratio | misses/s | cache entries | managed heap | CPU |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var (lifetime, memory) in new[] { (30, 1 << 16), (300, 1 << 16), (600, 1 << 16), (300, 1 << 20), (600, 1 << 20), (900, 1 << 20), (900, 1 << 21) })
{
    Run(lifetime, memory);
}

void Run(int lifetime, int memory)
{
    GC.Collect();
    var clock = new SimClock();
    using var memoryCache = new MemoryCache(new MemoryCacheOptions());
    var cache = new TokenValidationCache(memoryCache, clock,
        Options.Create(new ValidationOptions { ValidationCacheSeconds = lifetime, FirstLookupMemory = memory }));
    var schedule = calendar.Select(c => new List<int>(c)).ToArray();
    long hits = 0, misses = 0;
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    for (var s = 0; s < seconds; s++)
    {
        clock.Now = DateTimeOffset.UnixEpoch.AddSeconds(s);
        var measured = s >= seconds / 2;
        foreach (var i in schedule[s])
        {
            if (cache.Find(digests[i]) is null)
            {
                cache.Add(Token(i), cache.Generation);
                if (measured) misses++;
            }
            else if (measured)
            {
                hits++;
            }

            if (s + periods[i] < seconds)
            {
                schedule[s + periods[i]].Add(i);
            }
        }

        schedule[s] = null!;
    }

    cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    var heap = GC.GetTotalMemory(forceFullCollection: true);
    Console.WriteLine($"| {lifetime} s | {memory:N0} | {100.0 * hits / (hits + misses):F1} % | {misses / (seconds / 2.0):N0} | {memoryCache.Count:N0} | {heap / 1048576:N0} MB | {cpu.TotalSeconds:F0} s |");
}

ValidatedToken Token(int i) => new(Guid.NewGuid(), digests[i], "periodic job", DateTimeOffset.MaxValue, null, $"owner-{i % 10_000}", "user", "user@example.com", true, null);

sealed class SimClock : TimeProvider
{
    public DateTimeOffset Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now;
}
