namespace Vigil.Read;

/// <summary>
/// A set of 128-bit hashes in one open-addressing table of 16-byte slots, about half the memory of
/// a <see cref="HashSet{T}"/> of two <c>ulong</c> values, which spends 24 bytes per entry plus a
/// bucket index and grows to up to twice its count.
/// </summary>
/// <remarks>
/// The slot comes from <see cref="HashCode"/>, which is seeded at random per process, so a file
/// crafted for hashes that crowd one run of slots cannot make probing quadratic. Linear probing
/// resolves collisions. Zero marks an empty slot, so a zero hash is stored as one. The table doubles
/// at seven-eighths full. Not thread-safe.
/// </remarks>
internal sealed class HashSet128
{
    private const int InitialCapacity = 1024;

    private UInt128[] _slots = new UInt128[InitialCapacity];

    public int Count { get; private set; }

    /// <summary>Adds <paramref name="hash"/>, or returns <c>false</c> when it was already present.</summary>
    public bool Add(UInt128 hash)
    {
        if (hash == UInt128.Zero)
        {
            hash = UInt128.One;
        }

        if (Count >= _slots.Length - (_slots.Length >> 3))
        {
            Grow();
        }

        if (!Insert(_slots, hash))
        {
            return false;
        }

        Count++;
        return true;
    }

    private static bool Insert(UInt128[] slots, UInt128 hash)
    {
        var mask = slots.Length - 1;
        var start = HashCode.Combine((ulong)hash, (ulong)(hash >> 64));
        for (var i = start & mask; ; i = (i + 1) & mask)
        {
            if (slots[i] == hash)
            {
                return false;
            }

            if (slots[i] == UInt128.Zero)
            {
                slots[i] = hash;
                return true;
            }
        }
    }

    private void Grow()
    {
        var larger = new UInt128[_slots.Length * 2];
        foreach (var hash in _slots)
        {
            if (hash != UInt128.Zero)
            {
                Insert(larger, hash);
            }
        }

        _slots = larger;
    }
}
