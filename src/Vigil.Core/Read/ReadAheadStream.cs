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

    private const int ChunkSize = 1024 * 1024;
    private const int ChunksAhead = 4;

    private readonly Stream _inner;
    private readonly BlockingCollection<Chunk> _ready = new(ChunksAhead);
    private readonly ConcurrentBag<byte[]> _free = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private Chunk? _current;
    private int _offset;
    private bool _ended;
    private bool _disposed;

    public ReadAheadStream(Stream inner)
    {
        _inner = inner;
        _thread = new Thread(Fill) { IsBackground = true, Name = "vigil read-ahead" };
        _thread.Start();
    }

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
            if (_current is { } chunk && _offset < chunk.Length)
            {
                var length = Math.Min(buffer.Length, chunk.Length - _offset);
                chunk.Buffer.AsSpan(_offset, length).CopyTo(buffer);
                _offset += length;
                return length;
            }

            if (_current is { } used)
            {
                _free.Add(used.Buffer);
            }

            _current = _ready.Take();
            _offset = 0;
            if (_current.Error is { } error)
            {
                _ended = true;
                error.Throw();
            }

            _ended = _current.Length == 0;
        }

        return 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            // The thread finishes the read it is in, and only then may the stream under it close.
            _stop.Cancel();
            _thread.Join();
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
                var buffer = _free.TryTake(out var free) ? free : new byte[ChunkSize];
                var (filled, end, error) = ReadChunk(buffer);

                // Bytes read before a failure come first, so the caller meets the error where it was.
                if (filled > 0)
                {
                    _ready.Add(new Chunk(buffer, filled, null), _stop.Token);
                }

                if (error is not null || end)
                {
                    _ready.Add(new Chunk([], 0, error), _stop.Token);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The caller stopped reading and disposes the stream.
        }
    }

    private (int Filled, bool End, ExceptionDispatchInfo? Error) ReadChunk(byte[] buffer)
    {
        var filled = 0;
        try
        {
            while (filled < buffer.Length)
            {
                var read = _inner.Read(buffer, filled, buffer.Length - filled);
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

    /// <summary>Bytes read from the stream, or its end (no bytes), or the exception it threw.</summary>
    private sealed record Chunk(byte[] Buffer, int Length, ExceptionDispatchInfo? Error);
}
