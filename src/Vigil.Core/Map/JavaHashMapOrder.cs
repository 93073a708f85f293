namespace Vigil.Map;

/// <summary>
/// The iteration order of a <c>java.util.HashMap&lt;String, ?&gt;</c> built by inserting keys in a
/// given order, as OpenJDK 8 and later implement it.
/// </summary>
/// <remarks>
/// Elasticsearch parses JSON objects into such maps, so Elastic's string copies of CloudTrail
/// objects list keys in this order. Entries sit in buckets indexed by the spread
/// <c>String.hashCode()</c>; iteration walks buckets in ascending order and each bucket in insertion
/// order. The table starts at 16 buckets and doubles when the size passes 0.75 of the capacity, or
/// when one bucket reaches 9 entries while the table has fewer than 64 buckets.
/// </remarks>
internal static class JavaHashMapOrder
{
    private const int InitialCapacity = 16;
    private const int TreeifyThreshold = 8;
    private const int MinTreeifyCapacity = 64;

    /// <summary>Returns <paramref name="keys"/> (distinct, in insertion order) in iteration order.</summary>
    public static IReadOnlyList<string> Order(IReadOnlyList<string> keys)
    {
        if (keys.Count < 2)
        {
            return keys;
        }

        var positions = Positions(keys, out _);
        var ordered = new string[keys.Count];
        for (var i = 0; i < ordered.Length; i++)
        {
            ordered[i] = keys[positions[i]];
        }

        return ordered;
    }

    /// <summary>
    /// Returns the insertion positions of <paramref name="keys"/> (in insertion order) in iteration
    /// order: element <c>i</c> is the position of the <c>i</c>-th key a Java iteration meets.
    /// <paramref name="repeated"/> is true when a key occurs twice. A map never contains a key twice,
    /// so the order is then only meaningful for the distinct keys.
    /// </summary>
    public static int[] Positions(IReadOnlyList<string> keys, out bool repeated)
    {
        var hashes = new int[keys.Count];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = Spread(keys[i]);
        }

        var mask = Capacity(hashes) - 1;

        // A stable sort on the bucket index keeps insertion order inside a bucket.
        var buckets = new long[keys.Count];
        for (var i = 0; i < buckets.Length; i++)
        {
            buckets[i] = ((long)(hashes[i] & mask) << 32) | (uint)i;
        }

        Array.Sort(buckets);
        var positions = new int[keys.Count];
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = (int)(buckets[i] & uint.MaxValue);
        }

        repeated = HasRepeatedKey(keys, positions, buckets);
        return positions;
    }

    /// <summary>
    /// True when a key repeats. Equal keys share a bucket, so only keys within one bucket are compared:
    /// pairwise in a small bucket, with a hash set in a large one (crafted keys can fill one bucket),
    /// so the check stays linear.
    /// </summary>
    private static bool HasRepeatedKey(IReadOnlyList<string> keys, int[] positions, long[] sortedBuckets)
    {
        const int PairwiseLimit = 8;
        var start = 0;
        while (start < positions.Length)
        {
            var end = start + 1;
            while (end < positions.Length && sortedBuckets[end] >> 32 == sortedBuckets[start] >> 32)
            {
                end++;
            }

            var bucket = positions.AsSpan(start, end - start);
            if (bucket.Length > PairwiseLimit ? RepeatsBySet(keys, bucket) : RepeatsPairwise(keys, bucket))
            {
                return true;
            }

            start = end;
        }

        return false;
    }

    private static bool RepeatsPairwise(IReadOnlyList<string> keys, ReadOnlySpan<int> bucket)
    {
        for (var i = 1; i < bucket.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (string.Equals(keys[bucket[i]], keys[bucket[j]], StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool RepeatsBySet(IReadOnlyList<string> keys, ReadOnlySpan<int> bucket)
    {
        var seen = new HashSet<string>(bucket.Length, StringComparer.Ordinal);
        foreach (var position in bucket)
        {
            if (!seen.Add(keys[position]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns <c>h ^ (h &gt;&gt;&gt; 16)</c> of Java's <c>String.hashCode()</c>.</summary>
    public static int Spread(string key)
    {
        var hash = 0;
        foreach (var unit in key)
        {
            hash = unchecked((31 * hash) + unit);
        }

        return hash ^ (int)((uint)hash >> 16);
    }

    // NOTE: in Java, a bucket of more than 8 colliding keys in a table of 64 or more buckets becomes
    // a tree whose root entry moves to the front of the bucket. That order is not reproduced here.
    private static int Capacity(int[] hashes)
    {
        var capacity = InitialCapacity;
        var counts = new int[capacity];
        for (var size = 1; size <= hashes.Length; size++)
        {
            var bucket = hashes[size - 1] & (capacity - 1);
            counts[bucket]++;
            if (counts[bucket] > TreeifyThreshold && capacity < MinTreeifyCapacity)
            {
                capacity *= 2;
                counts = Recount(hashes, size, capacity);
            }

            if (size > capacity * 3 / 4)
            {
                capacity *= 2;
                counts = Recount(hashes, size, capacity);
            }
        }

        return capacity;
    }

    private static int[] Recount(int[] hashes, int size, int capacity)
    {
        var counts = new int[capacity];
        for (var i = 0; i < size; i++)
        {
            counts[hashes[i] & (capacity - 1)]++;
        }

        return counts;
    }

    /// <summary>
    /// A store of the positions of key lists seen before. Objects of one kind (a <c>userIdentity</c>,
    /// a <c>sessionContext</c>) repeat the same keys in the same order, which give the same positions.
    /// </summary>
    /// <remarks>
    /// Lists are compared by the identity of their strings, so only keys shared through an interner
    /// hit; any other list is computed as before. The cache stops growing at <see cref="MaxLists"/>,
    /// because keys come from the input. Not thread-safe.
    /// </remarks>
    internal sealed class Cache
    {
        private const int MaxLists = 1024;

        private readonly Dictionary<string[], (int[] Positions, bool Repeated)> _lists = new(SameStrings.Instance);

        /// <summary>
        /// Returns <see cref="JavaHashMapOrder.Positions"/> of <paramref name="keys"/>. Both arrays are
        /// kept, so neither may be changed afterwards.
        /// </summary>
        public int[] Positions(string[] keys, out bool repeated)
        {
            if (_lists.TryGetValue(keys, out var known))
            {
                repeated = known.Repeated;
                return known.Positions;
            }

            var positions = JavaHashMapOrder.Positions(keys, out repeated);
            if (_lists.Count < MaxLists)
            {
                _lists[keys] = (positions, repeated);
            }

            return positions;
        }

        private sealed class SameStrings : IEqualityComparer<string[]>
        {
            public static readonly SameStrings Instance = new();

            public bool Equals(string[]? x, string[]? y)
            {
                if (x is null || y is null || x.Length != y.Length)
                {
                    return x is null && y is null;
                }

                for (var i = 0; i < x.Length; i++)
                {
                    if (!ReferenceEquals(x[i], y[i]))
                    {
                        return false;
                    }
                }

                return true;
            }

            public int GetHashCode(string[] obj)
            {
                var hash = new HashCode();
                foreach (var key in obj)
                {
                    hash.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key));
                }

                return hash.ToHashCode();
            }
        }
    }
}
