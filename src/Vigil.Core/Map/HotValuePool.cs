using System.Collections.Concurrent;

namespace Vigil.Map;

/// <summary>
/// One shared instance of each short hot-field value (<c>AssumeRole</c>, <c>sts.amazonaws.com</c>,
/// <c>success</c>), so that queries on many documents compare strings that stay in the processor
/// caches, and an equal value is often the same instance, which compares at once.
/// </summary>
/// <remarks>
/// Values come from the records, so the pool is bounded: once it contains <see cref="MaxEntries"/>
/// values, new values are returned as they are. Lookups hash with .NET's randomized string hash.
/// </remarks>
internal static class HotValuePool
{
    /// <summary>Maximum number of pooled values.</summary>
    public const int MaxEntries = 16_384;

    /// <summary>Maximum length of a pooled value, because longer values rarely repeat.</summary>
    public const int MaxLength = 128;

    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);

    private static int _count;

    /// <summary>Returns the pooled instance equal to <paramref name="value"/>, adding it while there is room.</summary>
    public static string Intern(string value)
    {
        if (value.Length > MaxLength)
        {
            return value;
        }

        if (Pool.TryGetValue(value, out var pooled))
        {
            return pooled;
        }

        if (Volatile.Read(ref _count) >= MaxEntries)
        {
            return value;
        }

        pooled = Pool.GetOrAdd(value, value);
        if (ReferenceEquals(pooled, value))
        {
            Interlocked.Increment(ref _count);
        }

        return pooled;
    }
}
