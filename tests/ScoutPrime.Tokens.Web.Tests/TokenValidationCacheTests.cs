using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ScoutPrime.Tokens.Web.Tokens;
using ScoutPrime.Tokens.Web.TokenState;
using ScoutPrime.Tokens.Web.Validation;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>
/// The validation cache's own rules, driven directly: the races it guards against (a lookup that read the database
/// before a change) cannot be timed through HTTP. What it does on a real call is in ApiHotPathTests and TokenStateChangeTests.
/// </summary>
public sealed class TokenValidationCacheTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly MemoryCache _memory = new(new MemoryCacheOptions());
    private readonly TokenValidationCache _cache;

    public TokenValidationCacheTests() => _cache = new TokenValidationCache(_memory, _time, Options.Create(new ValidationOptions { ValidationCacheSeconds = 30 }));

    [Fact]
    public void A_token_is_cached_from_its_second_lookup_until_its_lifetime_ends()
    {
        var token = Token("owner-1");
        Read(token);
        Assert.Null(_cache.Find(token.Digest));

        Read(token);
        Assert.Same(token, _cache.Find(token.Digest));
        _time.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1));
        Assert.Same(token, _cache.Find(token.Digest));
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Null(_cache.Find(token.Digest));
    }

    [Fact]
    public void A_lookup_that_read_before_an_edit_does_not_cache_what_it_read()
    {
        var token = Token("owner-1");
        Read(token);
        var before = _cache.Generation;

        _cache.OnCommitted(new TokenStateChange.TokenEdited("owner-1", token.TokenId, token.Digest));
        _cache.Add(token, before);

        Assert.Null(_cache.Find(token.Digest));
        Assert.Equal(before + 1, _cache.Generation);
    }

    [Fact]
    public void A_lookup_that_read_before_a_change_of_another_owner_does_not_cache_either()
    {
        // The generation is one for all owners: a race with any change costs a lookup, never a stale answer.
        var token = Token("owner-1");
        Read(token);
        var before = _cache.Generation;

        _cache.OnCommitted(new TokenStateChange.TokenDeleted("owner-2", Guid.NewGuid()));
        _cache.Add(token, before);

        Assert.Null(_cache.Find(token.Digest));
        Assert.Equal(before + 1, _cache.Generation);
    }

    [Fact]
    public void An_edit_drops_only_the_edited_token()
    {
        var (edited, kept) = (Token("owner-1"), Token("owner-1"));
        Cache(edited);
        Cache(kept);

        _cache.OnCommitted(new TokenStateChange.TokenEdited("owner-1", edited.TokenId, edited.Digest));

        Assert.Null(_cache.Find(edited.Digest));
        Assert.Same(kept, _cache.Find(kept.Digest));
    }

    [Fact]
    public void Every_change_of_an_owner_drops_all_of_its_tokens_cached_before_it_and_none_of_another_owner()
    {
        var (first, other) = (Token("owner-1"), Token("owner-2"));
        Cache(first);
        Cache(other);

        _cache.OnCommitted(new TokenStateChange.OwnerChanged("owner-1", OwnerChange.Membership));
        Assert.Null(_cache.Find(first.Digest));
        Assert.Same(other, _cache.Find(other.Digest));

        // Cached after the first change, dropped by the second; the one cached before both stays dropped.
        var second = Token("owner-1");
        Cache(second);
        Assert.Same(second, _cache.Find(second.Digest));
        _cache.OnCommitted(new TokenStateChange.TokenDeleted("owner-1", Guid.NewGuid()));
        Assert.Null(_cache.Find(second.Digest));
        Assert.Null(_cache.Find(first.Digest));
        Assert.Same(other, _cache.Find(other.Digest));
    }

    [Fact]
    public void A_lifetime_of_zero_caches_nothing()
    {
        var cache = new TokenValidationCache(_memory, _time, Options.Create(new ValidationOptions { ValidationCacheSeconds = 0 }));
        var token = Token("owner-1");
        for (var i = 0; i < 3; i++)
        {
            cache.Add(token, cache.Generation);
        }

        Assert.Null(cache.Find(token.Digest));
        Assert.Equal(0, _memory.Count);
    }

    public void Dispose() => _memory.Dispose();

    private void Read(ValidatedToken token) => _cache.Add(token, _cache.Generation);

    private void Cache(ValidatedToken token)
    {
        Read(token);
        Read(token);
        Assert.Same(token, _cache.Find(token.Digest));
    }

    private ValidatedToken Token(string ownerId) => new(
        Guid.NewGuid(), TokenCode.Digest(TokenCode.Generate()), "a script", _time.GetUtcNow().AddDays(30), null, ownerId, "user", null, true, null, _time.GetUtcNow(), false, null, null);
}
