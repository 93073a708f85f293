using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Vigil.Read;

/// <summary>
/// Reads a stream on its own thread, a few chunks ahead of the caller, and hands the caller the
/// same bytes in the same order, then the same exception where the stream threw one.
/// </summary>
/// <remarks>
/// A hunt's reading thread frames records, counts them and writes alerts, and on a large file it is
/// the one that all workers wait for. Copying the file from the page cache (a quarter of its time on
/// a 1 GB file) or inflating gzip then runs beside it. Read-only and forward-only, and not thread-safe.
/// </remarks>
internal sealed class ReadAheadStream : ReadOnlyStream
{
    /// <summary>Files at least this large are read ahead. For smaller ones a thread would, by estimate, cost more than it saves.</summary>
    public const long MinFileLength = 8 * 1024 * 1024;

    /// <summary>
    /// Room in front of each chunk's data. A window that takes the chunk whole moves the bytes it has
    /// not consumed yet, part of one record, there. So a record up to this size needs no buffer of its own.
    /// </summary>
    public const int Reserve = 64 * 1024;

    /// <summary>The size of a chunk's buffer: <see cref="Reserve"/> and the data.</summary>
    public const int ChunkBufferSize = Reserve + ChunkSize;

    private const int ChunkSize = 1024 * 1024;
    private const int ChunksAhead = 4;

    private readonly Stream _inner;
    private readonly BlockingCollection<Chunk> _ready = new(ChunksAhead);
    private readonly ConcurrentBag<SharedChunk> _free = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private Chunk? _current;
    private int _offset;
    private bool _ended;
    private bool _disposed;

    /// <param name="inner">The stream to read ahead.</param>
    /// <param name="shared">
    /// Whether <see cref="TakeChunk"/> may hand chunks out whole: only for data under which no layer
    /// can fail, a plain file. A window that takes a whole chunk has read further than one that
    /// copies what it needs, so a gzip layer's failure would show or not by thread count.
    /// </param>
    public ReadAheadStream(Stream inner, bool shared = false)
    {
        _inner = inner;
        Shared = shared;
        _thread = new Thread(Fill) { IsBackground = true, Name = "vigil read-ahead" };
        _thread.Start();
    }

    /// <summary>Whether <see cref="TakeChunk"/> may be called.</summary>
    public bool Shared { get; }

    /// <summary>
    /// Whether the caller has read to the end or to the stream's exception. Until then, what the
    /// thread ahead has met (a gzip layer's failure) must not show: without reading ahead, a caller
    /// that stops at an error in the JSON never reaches it.
    /// </summary>
    public bool ReachedEnd => _ended;

    public override int Read(Span<byte> buffer)
    {
        while (!_ended && buffer.Length > 0)
        {
            if (_current is { Data: { } data } chunk && _offset < chunk.Length)
            {
                var length = Math.Min(buffer.Length, chunk.Length - _offset);
                data.Buffer.AsSpan(Reserve + _offset, length).CopyTo(buffer);
                _offset += length;
                return length;
            }

            NextChunk();
        }

        return 0;
    }

    /// <summary>
    /// Hands the caller the bytes that <see cref="Read(Span{byte})"/> would return next, up to the
    /// end of their chunk, without copying them: they lie in <paramref name="chunk"/>'s buffer from
    /// <paramref name="start"/> (at least <see cref="Reserve"/>). The caller owns one reference to
    /// the chunk and releases it with <see cref="SharedChunk.Release"/>. Returns <c>false</c> at the
    /// end of the data, and throws where <see cref="Read(Span{byte})"/> would.
    /// </summary>
    public bool TakeChunk(out SharedChunk chunk, out int start, out int length)
    {
        if (!Shared)
        {
            throw new InvalidOperationException("This read-ahead stream does not hand out its chunks.");
        }

        while (!_ended)
        {
            if (_current is { Data: { } data } current && _offset < current.Length)
            {
                chunk = data;
                start = Reserve + _offset;
                length = current.Length - _offset;
                chunk.AddReference();
                _offset = current.Length;
                return true;
            }

            NextChunk();
        }

        chunk = null!;
        start = length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            // The thread finishes the read it is in, and only then may the stream under it close.
            _stop.Cancel();
            _thread.Join();
            _current?.Data?.Release();
            _current = null;
            _ready.Dispose();
            _stop.Dispose();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Fill()
    {
        try
        {
            while (true)
            {
                var chunk = _free.TryTake(out var free) ? free : new SharedChunk(ChunkBufferSize, _free);
                chunk.Open();
                var (filled, end, error) = ReadChunk(chunk.Buffer.AsSpan(Reserve));

                // Bytes read before a failure come first, so the caller meets the error where it was.
                if (filled > 0)
                {
                    _ready.Add(new Chunk(chunk, filled, null), _stop.Token);
                }
                else
                {
                    chunk.Release();
                }

                if (error is not null || end)
                {
                    _ready.Add(new Chunk(null, 0, error), _stop.Token);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The caller stopped reading and disposes the stream.
        }
    }

    private (int Filled, bool End, ExceptionDispatchInfo? Error) ReadChunk(Span<byte> buffer)
    {
        var filled = 0;
        try
        {
            while (filled < buffer.Length)
            {
                var read = _inner.Read(buffer[filled..]);
                if (read == 0)
                {
                    return (filled, true, null);
                }

                filled += read;
            }

            return (filled, false, null);
        }
        catch (Exception exception)
        {
            return (filled, false, ExceptionDispatchInfo.Capture(exception));
        }
    }

    /// <summary>Moves to the next chunk, releasing the one read to its end; throws the stream's exception there.</summary>
    private void NextChunk()
    {
        _current?.Data?.Release();
        _current = _ready.Take();
        _offset = 0;
        if (_current.Error is { } error)
        {
            _ended = true;
            error.Throw();
        }

        _ended = _current.Length == 0;
    }

    /// <summary>Bytes read from the stream (after <see cref="Reserve"/> in the buffer), or its end (no bytes), or the exception it threw.</summary>
    private sealed record Chunk(SharedChunk? Data, int Length, ExceptionDispatchInfo? Error);
}
