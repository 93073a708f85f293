using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Vigil.Read;

/// <summary>
/// A set of 64-bit hashes in open-addressing tables of 8-byte slots, about a third of the memory of
/// a <see cref="HashSet{T}"/> of <c>ulong</c>, which spends 16 bytes per entry plus a bucket index.
/// </summary>
/// <remarks>
/// <para>
/// The hashes are spread over 64 tables that grow one at a time, so growing keeps an old and a new
/// copy of one sixty-fourth of the set, not of all of it. With one table, a hunt of 3.6 million
/// records would need 48 MB at once while the table doubled from 16 to 32 MB.
/// </para>
/// <para>
/// The slot comes from <see cref="HashCode"/>, which is seeded at random per process, so a file
/// crafted for hashes that crowd one run of slots cannot make probing quadratic. Linear probing
/// resolves collisions. Zero marks an empty slot, so a zero hash is stored as <see cref="ZeroStandIn"/>. A table doubles
/// at seven-eighths full. Not thread-safe.
/// </para>
/// </remarks>
internal sealed class HashSet64
{
    private const int ShardBits = 6;
    private const int InitialShardCapacity = 64;

    /// <summary>The value a zero hash is stored as, because zero marks an empty slot.</summary>
    internal const ulong ZeroStandIn = 0x9E3779B97F4A7C15;

    private readonly ulong[][] _shards = new ulong[1 << ShardBits][];
    private readonly int[] _counts = new int[1 << ShardBits];

    public HashSet64()
    {
        for (var i = 0; i < _shards.Length; i++)
        {
            _shards[i] = new ulong[InitialShardCapacity];
        }
    }

    public int Count { get; private set; }

    /// <summary>Adds <paramref name="hash"/>, or returns <c>false</c> when it was already present.</summary>
    public bool Add(ulong hash)
    {
        if (hash == 0)
        {
            hash = ZeroStandIn;
        }

        var spread = (uint)HashCode.Combine(hash);
        var shard = (int)(spread >> (32 - ShardBits));
        var slots = _shards[shard];
        if (_counts[shard] >= slots.Length - (slots.Length >> 3))
        {
            slots = _shards[shard] = Grow(slots);
        }

        if (!Insert(slots, hash, spread))
        {
            return false;
        }

        _counts[shard]++;
        Count++;
        return true;
    }

    /// <summary>
    /// Asks the processor to load the slot where <paramref name="hash"/> would go, so that an
    /// <see cref="Add"/> a few calls later finds it in the cache: the set outgrows the caches, and
    /// each add would otherwise wait for memory.
    /// </summary>
    public unsafe void Prefetch(ulong hash)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        var spread = (uint)HashCode.Combine(hash == 0 ? ZeroStandIn : hash);
        var slots = _shards[(int)(spread >> (32 - ShardBits))];

        // A hint, not a read: should the collector move the array first, only the hint is lost.
        Sse.Prefetch0(Unsafe.AsPointer(ref slots[(int)spread & (slots.Length - 1)]));
    }

    private static bool Insert(ulong[] slots, ulong hash, uint spread)
    {
        var mask = slots.Length - 1;
        for (var i = (int)spread & mask; ; i = (i + 1) & mask)
        {
            if (slots[i] == hash)
            {
                return false;
            }

            if (slots[i] == 0)
            {
                slots[i] = hash;
                return true;
            }
        }
    }

    private static ulong[] Grow(ulong[] slots)
    {
        var larger = new ulong[slots.Length * 2];
        foreach (var hash in slots)
        {
            if (hash != 0)
            {
                Insert(larger, hash, (uint)HashCode.Combine(hash));
            }
        }

        return larger;
    }
}
