using System.Security.Cryptography;

namespace Vigil.Read;

/// <summary>
/// The keys of every object of one record, to find a key repeated within an object as each key is
/// read. Each key is kept as a 64-bit fingerprint combined with its object's number, in an
/// open-addressing table that is emptied per record by a stamp rather than by clearing it.
/// </summary>
/// <remarks>
/// Two different keys of one object with equal fingerprints count as repeated; the caller then
/// leaves the record to the parser, which decides exactly. Slots come from a multiplier drawn at
/// random per set, so keys crafted to share low bits cannot make probing quadratic.
/// </remarks>
internal sealed class ObjectKeySet
{
    private const int InitialCapacity = 256;
    private const ulong ObjectFactor = 0x9E3779B97F4A7C15;

    private readonly ulong _multiplier = (ulong)RandomNumberGenerator.GetInt32(int.MaxValue) << 32 | (uint)RandomNumberGenerator.GetInt32(int.MaxValue) | 1;
    private ulong[] _entries = new ulong[InitialCapacity];
    private uint[] _stamps = new uint[InitialCapacity];
    private uint _stamp = 1;
    private int _count;

    /// <summary>Forgets every key, for the next record.</summary>
    public void Clear()
    {
        _count = 0;
        if (++_stamp == 0)
        {
            Array.Clear(_stamps);
            _stamp = 1;
        }
    }

    /// <summary>Adds a key of object number <paramref name="objectNumber"/>, or returns <c>false</c> when that object has it already.</summary>
    public bool Add(int objectNumber, ulong fingerprint)
    {
        if (2 * (_count + 1) > _entries.Length)
        {
            Grow();
        }

        if (!Insert(_entries, _stamps, fingerprint ^ ((ulong)objectNumber * ObjectFactor)))
        {
            return false;
        }

        _count++;
        return true;
    }

    private bool Insert(ulong[] entries, uint[] stamps, ulong entry)
    {
        var mask = entries.Length - 1;
        for (var i = (int)((entry * _multiplier) >> 32) & mask; ; i = (i + 1) & mask)
        {
            if (stamps[i] != _stamp)
            {
                stamps[i] = _stamp;
                entries[i] = entry;
                return true;
            }

            if (entries[i] == entry)
            {
                return false;
            }
        }
    }

    private void Grow()
    {
        var entries = new ulong[_entries.Length * 2];
        var stamps = new uint[entries.Length];
        for (var i = 0; i < _entries.Length; i++)
        {
            if (_stamps[i] == _stamp)
            {
                Insert(entries, stamps, _entries[i]);
            }
        }

        _entries = entries;
        _stamps = stamps;
    }
}
