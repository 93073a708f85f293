namespace Vigil.Generator;

/// <summary>A discrete distribution over items with non-negative weights, drawn by binary search.</summary>
internal sealed class WeightedChoice<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    public WeightedChoice(IEnumerable<(T Item, double Weight)> entries)
    {
        var list = entries.Where(e => e.Weight > 0).ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("A distribution needs at least one item with a positive weight.", nameof(entries));
        }

        _items = [.. list.Select(e => e.Item)];
        _cumulative = new double[list.Count];
        var total = 0.0;
        for (var i = 0; i < list.Count; i++)
        {
            total += list[i].Weight;
            _cumulative[i] = total;
        }
    }

    public IReadOnlyList<T> Items => _items;

    public T Draw(SplitMix64 random)
    {
        var target = random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, target);
        index = index < 0 ? ~index : index + 1;
        return _items[Math.Min(index, _items.Length - 1)];
    }

    /// <summary>Builds a distribution from observed values, in ordinal order so the result never depends on hash order.</summary>
    public static WeightedChoice<T> FromCounts(IReadOnlyDictionary<T, int> counts, IComparer<T> order) =>
        new(counts.OrderBy(pair => pair.Key, order).Select(pair => (pair.Key, (double)pair.Value)));
}
