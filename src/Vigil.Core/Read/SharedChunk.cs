using System.Collections.Concurrent;

namespace Vigil.Read;

/// <summary>
/// A reference-counted buffer of file bytes that the read-ahead thread filled and that several
/// readers use at once: the reader's window while it frames records in it, and each hunt batch with
/// records in it. It returns to its pool when the last reference is released, so no batch copies
/// its records out.
/// </summary>
/// <remarks>
/// Bytes that a reference covers are never written again until it is released: the window writes
/// only in front of the data of a chunk it has just taken, which no other reader has seen.
/// </remarks>
internal sealed class SharedChunk
{
    private readonly ConcurrentBag<SharedChunk> _pool;
    private int _references;

    public SharedChunk(int size, ConcurrentBag<SharedChunk> pool)
    {
        Buffer = new byte[size];
        _pool = pool;
    }

    public byte[] Buffer { get; }

    /// <summary>Gives the caller the only reference to a chunk taken from its pool.</summary>
    public void Open() => Volatile.Write(ref _references, 1);

    public void AddReference() => Interlocked.Increment(ref _references);

    /// <summary>Releases one reference, and returns the chunk to its pool when it was the last.</summary>
    public void Release()
    {
        var references = Interlocked.Decrement(ref _references);
        if (references == 0)
        {
            _pool.Add(this);
        }
        else if (references < 0)
        {
            throw new InvalidOperationException("A shared chunk was released more often than it was referenced.");
        }
    }
}
