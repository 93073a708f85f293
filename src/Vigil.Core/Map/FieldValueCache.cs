using System.Collections.Concurrent;

namespace Vigil.Map;

/// <summary>
/// Values computed once per document and per field path, such as the values a compiled query read at a
/// path. Every rule after the first then reads them with one array index instead of a walk through the
/// JSON tree. Paths get process-wide slot numbers when queries are compiled.
/// </summary>
/// <remarks>
/// The cache assumes the document's <see cref="EcsDocument.Root"/> is not changed after the first query
/// ran on it. Concurrent readers are safe: two threads may both compute a slot, and the values are equal.
/// </remarks>
internal sealed class FieldValueCache
{
    private static readonly ConcurrentDictionary<string, int> Slots = new(StringComparer.Ordinal);

    private static readonly Lock SlotLock = new();

    // The number of slots given out; ConcurrentDictionary.Count takes every lock, too slow per document.
    private static int _slotCount;

    private object?[] _values = new object?[Math.Max(Volatile.Read(ref _slotCount), 8)];

    /// <summary>Returns the slot of <paramref name="path"/>, giving it the next free one on first use.</summary>
    public static int SlotOf(string path)
    {
        if (Slots.TryGetValue(path, out var slot))
        {
            return slot;
        }

        lock (SlotLock)
        {
            return Slots.GetOrAdd(path, _ => _slotCount++);
        }
    }

    /// <summary>Returns the value stored in <paramref name="slot"/>, or null when none is stored yet.</summary>
    public object? Find(int slot)
    {
        var values = _values;
        return slot < values.Length ? values[slot] : null;
    }

    /// <summary>Stores <paramref name="value"/> in <paramref name="slot"/> and returns it.</summary>
    public T Store<T>(int slot, T value)
        where T : class
    {
        var values = _values;
        if (slot >= values.Length)
        {
            Array.Resize(ref values, Math.Max(slot + 1, values.Length * 2));
            _values = values;
        }

        values[slot] = value;
        return value;
    }
}
