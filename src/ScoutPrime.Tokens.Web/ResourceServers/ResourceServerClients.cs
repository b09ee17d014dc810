using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.LastUsed;
using ScoutPrime.Tokens.Web.Validation;

namespace ScoutPrime.Tokens.Web.ResourceServers;

/// <summary>A resource server as introspection knows it: enough to check its secret, never the secret.</summary>
public sealed record KnownClient(Guid Id, string ClientId, byte[] SecretDigest, DateTimeOffset? LastUsedAt);

/// <summary>
/// Finds resource servers by client id for introspection. A server that exists is remembered for
/// <see cref="ValidationOptions.ValidationCacheSeconds"/>, at most <see cref="MaxCacheSeconds"/>, so a busy resource
/// server costs no query per call; an unknown id is never remembered, so made-up ids cannot fill memory. A deletion on
/// this instance takes effect at once (<see cref="Forget"/>), on other instances within that delay: deletions of
/// resource servers do not go through the revocation feed, which carries tokens' changes, so the delay stays short.
/// </summary>
public sealed class ResourceServerClients(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<ValidationOptions> options, ResourceServerLastUsedWriter writer)
{
    public const int MaxCacheSeconds = 30;

    private readonly ConcurrentDictionary<string, Entry> _known = new(StringComparer.Ordinal);
    private readonly LastUsedTracker _lastUsed = new();
    private long _generation;

    public KnownClient? FindCached(string clientId)
    {
        if (!_known.TryGetValue(clientId, out var entry))
        {
            return null;
        }

        if (entry.Until > time.GetUtcNow())
        {
            return entry.Client;
        }

        _known.TryRemove(new KeyValuePair<string, Entry>(clientId, entry));
        return null;
    }

    public async Task<KnownClient?> LoadAsync(string clientId, CancellationToken ct)
    {
        var generation = Interlocked.Read(ref _generation);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TokensDbContext>();
        var client = (await db.ResourceServers.AsNoTracking()
            .Where(s => s.ClientId == clientId)
            .Select(s => new KnownClient(s.Id, s.ClientId, s.SecretDigest, s.LastUsedAt))
            .ToListAsync(ct)).SingleOrDefault();
        var lifetime = TimeSpan.FromSeconds(Math.Min(options.Value.ValidationCacheSeconds, MaxCacheSeconds));
        if (client is not null && lifetime > TimeSpan.Zero)
        {
            _known[clientId] = new Entry(client, time.GetUtcNow() + lifetime);
            // A deletion that committed while this read was under way must not be undone by caching what was read.
            if (Interlocked.Read(ref _generation) != generation)
            {
                _known.TryRemove(clientId, out _);
            }
        }

        return client;
    }

    public void Forget(string clientId)
    {
        Interlocked.Increment(ref _generation);
        _known.TryRemove(clientId, out _);
    }

    /// <summary>Stamps the server's Last used at most once per <see cref="LastUsedTracker.Interval"/>, off the request path.</summary>
    public void RecordUse(KnownClient client)
    {
        var now = time.GetUtcNow();
        if (_lastUsed.TryClaimWrite(client.Id, client.LastUsedAt, now))
        {
            writer.Record(client.Id, now);
        }
    }

    private sealed record Entry(KnownClient Client, DateTimeOffset Until);
}
