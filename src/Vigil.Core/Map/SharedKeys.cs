using System.Collections.Concurrent;

namespace Vigil.Map;

/// <summary>
/// One string instance per key text, shared by the mapper's paths and the keys it copies from
/// records. A lookup in a <see cref="System.Text.Json.Nodes.JsonObject"/> compares its key with the
/// stored one, and equal instances skip comparing their characters.
/// </summary>
/// <remarks>
/// Record keys come from the input, so the set stops growing at <see cref="MaxCount"/>; later
/// keys keep their own instances, which only makes their lookups compare characters again.
/// </remarks>
internal static class SharedKeys
{
    public const int MaxCount = 16_384;

    private static readonly ConcurrentDictionary<string, string> Keys = new(StringComparer.Ordinal);

    // Counted here, because ConcurrentDictionary.Count takes every lock of the table, and a full
    // set is asked on each key that is not in it.
    private static int _count;

    /// <summary>Returns the shared instance of <paramref name="key"/>'s text, or <paramref name="key"/> itself once the set is full.</summary>
    public static string Get(string key)
    {
        if (Keys.TryGetValue(key, out var shared))
        {
            return shared;
        }

        if (Volatile.Read(ref _count) >= MaxCount)
        {
            return key;
        }

        if (Keys.TryAdd(key, key))
        {
            Interlocked.Increment(ref _count);
            return key;
        }

        return Keys.TryGetValue(key, out shared) ? shared : key;
    }
}
