using ScoutPrime.Tokens.Web.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>The one bounded table behind the failure gate and the last-used tracker: its count, its prune, its bound.</summary>
public sealed class BoundedTableTests
{
    private static readonly Func<int, int, bool> OlderThan = static (value, due) => value < due;

    [Fact]
    public void Below_the_prune_threshold_nothing_is_pruned()
    {
        var table = new BoundedTable<int, int>(pruneAbove: 3);
        Assert.True(table.TryAdd(1, 0, OlderThan, 100));
        Assert.True(table.TryAdd(2, 0, OlderThan, 100));

        // Both are stale, but the table is below its threshold: the duplicate is refused and nothing is removed.
        Assert.False(table.TryAdd(2, 5, OlderThan, 100));
        Assert.Equal(2, table.Count);
        Assert.True(table.TryGetValue(1, out _));
        Assert.True(table.TryGetValue(2, out var kept) && kept == 0);
    }

    [Fact]
    public void At_the_threshold_an_add_prunes_the_stale_first_and_the_count_follows()
    {
        var table = new BoundedTable<int, int>(pruneAbove: 3);
        table.TryAdd(1, 10, OlderThan, 0);
        table.TryAdd(2, 50, OlderThan, 0);
        table.TryAdd(3, 10, OlderThan, 0);

        Assert.True(table.TryAdd(4, 60, OlderThan, 20));

        Assert.Equal(2, table.Count);
        Assert.False(table.TryGetValue(1, out _));
        Assert.True(table.TryGetValue(2, out _));
    }

    [Fact]
    public void A_prune_that_frees_nothing_waits_until_the_table_has_doubled()
    {
        var table = new BoundedTable<int, int>(pruneAbove: 2);
        var prunes = 0;
        bool Counting(int value, int due)
        {
            prunes++;
            return value < due;
        }

        for (var i = 0; i < 8; i++)
        {
            table.TryAdd(i, 100, Counting, 0);
        }

        // Pruned at 2 (nothing stale: next at 4), at 4 (next at 8): two scans of 2 and 4 entries, not one per add.
        Assert.Equal(8, table.Count);
        Assert.Equal(2 + 4, prunes);
    }

    [Fact]
    public void At_capacity_an_add_is_refused_unless_a_prune_makes_room()
    {
        var table = new BoundedTable<int, int>(pruneAbove: 2, capacity: 2);
        table.TryAdd(1, 10, OlderThan, 0);
        table.TryAdd(2, 50, OlderThan, 0);

        Assert.False(table.TryAdd(3, 60, OlderThan, 0));
        Assert.False(table.TryGetValue(3, out _));
        Assert.Equal(2, table.Count);

        Assert.True(table.TryAdd(3, 60, OlderThan, 20));
        Assert.Equal(2, table.Count);
        Assert.True(table.TryGetValue(3, out _));
    }

    [Fact]
    public void A_full_table_is_not_scanned_again_for_the_state_that_found_nothing_stale()
    {
        var table = new BoundedTable<int, int>(pruneAbove: 100, capacity: 100);
        var visited = 0;
        bool Counting(int value, int due)
        {
            visited++;
            return value < due;
        }

        for (var i = 0; i < 100; i++)
        {
            table.TryAdd(i, 100, Counting, 0);
        }

        for (var i = 100; i < 1_100; i++)
        {
            Assert.False(table.TryAdd(i, 100, Counting, 50));
        }

        // 1,000 adds refused with the same state (the callers' second): one scan of the 100 entries, not 1,000.
        Assert.Equal(100, visited);

        // The next state, nothing is stale yet: one more scan, still full.
        Assert.False(table.TryAdd(2_000, 100, Counting, 51));
        Assert.False(table.TryAdd(2_001, 100, Counting, 51));
        Assert.Equal(200, visited);

        // Later, everything is stale: the first add of that state makes room at once.
        Assert.True(table.TryAdd(2_002, 300, Counting, 200));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void Concurrent_adds_and_prunes_keep_the_count_true()
    {
        var table = new BoundedTable<int, int>(pruneAbove: 64);
        Parallel.For(0, 10_000, i => table.TryAdd(i, i, OlderThan, i - 100));
        table.Prune(OlderThan, int.MaxValue);

        Assert.Equal(0, table.Count);
    }
}
