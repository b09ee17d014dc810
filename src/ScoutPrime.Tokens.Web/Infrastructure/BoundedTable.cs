using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace ScoutPrime.Tokens.Web.Infrastructure;

/// <summary>
/// A concurrent dictionary that prunes itself: an add that finds <c>pruneAbove</c> entries first removes those the
/// caller calls stale, and an add that still finds <see cref="Capacity"/> entries is refused. The count is kept beside
/// the dictionary because <c>ConcurrentDictionary.Count</c> takes every one of its locks (docs/performance.md).
/// </summary>
/// <remarks>
/// When a prune frees little, the next one waits until the table has doubled (up to the capacity), so a table full of
/// live entries is not scanned on every add. At the capacity, a scan that left the table full is not repeated for the
/// same state: callers pass the clock at the granularity they can wait for (a second), so a table full of live entries
/// costs one scan per second, not one per add (a scan per add made each first call of a new token cost 0.6 ms at the
/// bound; docs/performance.md). Adds racing at the bound may pass it by a few entries, never more.
/// </remarks>
public sealed class BoundedTable<TKey, TValue>(int pruneAbove, int capacity = int.MaxValue, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new(comparer);
    private int _count;
    private int _pruneAbove = Math.Min(pruneAbove, capacity);

    // The state of the last scan that left the table at its capacity: the same state would find nothing stale either.
    private object? _fruitless;

    public int Count => Volatile.Read(ref _count);

    public int Capacity => capacity;

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => _entries.TryGetValue(key, out value);

    public bool TryUpdate(TKey key, TValue value, TValue comparand) => _entries.TryUpdate(key, value, comparand);

    /// <summary>
    /// Adds the entry unless its key is present, or the table is full once the entries <paramref name="stale"/> names
    /// are gone. False in both cases: <see cref="TryGetValue"/> tells which.
    /// </summary>
    public bool TryAdd<TState>(TKey key, TValue value, Func<TValue, TState, bool> stale, TState state)
    {
        if (Count >= Volatile.Read(ref _pruneAbove))
        {
            if (Count >= capacity && Volatile.Read(ref _fruitless) is TState last && EqualityComparer<TState>.Default.Equals(last, state))
            {
                return false;
            }

            Prune(stale, state);
            if (Count >= capacity)
            {
                Volatile.Write(ref _fruitless, state);
                return false;
            }
        }

        if (!_entries.TryAdd(key, value))
        {
            return false;
        }

        Interlocked.Increment(ref _count);
        return true;
    }

    /// <summary>Removes every entry <paramref name="stale"/> names, unless it changed meanwhile.</summary>
    public void Prune<TState>(Func<TValue, TState, bool> stale, TState state)
    {
        foreach (var (key, value) in _entries)
        {
            if (stale(value, state) && _entries.TryRemove(KeyValuePair.Create(key, value)))
            {
                Interlocked.Decrement(ref _count);
            }
        }

        Volatile.Write(ref _pruneAbove, Math.Clamp(Count * 2, Math.Min(pruneAbove, capacity), capacity));
    }
}
