using System.Buffers;

namespace Vigil.Read;

/// <summary>
/// A pooled, refillable window over a stream. Bytes before <see cref="Position"/> are consumed and
/// may be discarded on the next refill, unless a mark keeps them.
/// </summary>
/// <remarks>
/// <para>
/// The buffer grows only when one unconsumed (or marked) span does not fit, so its size is bounded
/// by the largest single JSON value the caller needs whole, and never exceeds the maximum size
/// given to the constructor.
/// </para>
/// <para>
/// Over a <see cref="ReadAheadStream"/> that shares its chunks, the window takes each chunk whole
/// as its buffer and moves the few bytes it still needs in front of the chunk's data, instead of
/// copying the chunk into a buffer of its own (2.5 % of a 1 GB hunt's processor time). A hunt's
/// batches then reference the chunk and read their records in it (<see cref="SharedSlice"/>). Bytes
/// that do not fit in front of a chunk take the copying path until they are consumed.
/// </para>
/// </remarks>
internal sealed class ByteWindow : IDisposable
{
    /// <summary>
    /// Default maximum buffer size, and so the largest JSON value held whole: 256 MiB. Records have
    /// a smaller limit of their own (<see cref="RecordLimits.MaxRecordBytes"/>), but an object that
    /// wraps many records, such as <c>aws cloudtrail lookup-events</c> output, is held whole.
    /// </summary>
    public const int DefaultMaxSize = 256 * 1024 * 1024;

    private const int InitialSize = 64 * 1024;

    private Stream _stream;
    private readonly int _maxSize;
    private readonly ReadAheadStream? _chunks;
    private SharedChunk? _chunk;
    private byte[] _buffer;
    private long _bufferOffset;
    private int _start;
    private int _end;
    private long _mark = -1;
    private int _markMaxLength = int.MaxValue;
    private long _lineNumber = 1;
    private long _lineStart;

    public ByteWindow(Stream stream, int maxSize = DefaultMaxSize)
    {
        _stream = stream;
        _maxSize = maxSize;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
        _chunks = stream is ReadAheadStream { Shared: true } chunks && maxSize >= ReadAheadStream.ChunkBufferSize ? chunks : null;
    }

    /// <summary>The unconsumed bytes that are buffered.</summary>
    public ReadOnlySpan<byte> Available => _buffer.AsSpan(_start, _end - _start);

    /// <summary>The absolute offset of the first unconsumed byte.</summary>
    public long Position => _bufferOffset + _start;

    /// <summary>
    /// The 1-based line number of <see cref="Position"/>, counted from <see cref="FirstLine"/>.
    /// </summary>
    public long Line => _lineNumber;

    /// <summary>
    /// The number of the stream's first line: 1, or the file's line that the data was decoded from,
    /// such as a base64 payload line.
    /// </summary>
    public long FirstLine
    {
        get;
        init => field = _lineNumber = value;
    } = 1;

    /// <summary>The absolute offset where the line of <see cref="Position"/> starts.</summary>
    public long LineStart => _lineStart;

    public bool IsEndOfStream { get; private set; }

    /// <summary>
    /// The pipe the stream's data comes from, possibly through layers such as gzip, which
    /// <see cref="Fill"/> checks for a pause. Null for a file.
    /// </summary>
    public QuietPipeStream? Pipe { get; set; }

    /// <summary>
    /// Whether the last <see cref="Fill"/> stopped early because the pipe under the window had no
    /// more data for <see cref="QuietPipeStream.QuietAfter"/>. A caller that would fill only to look
    /// ahead can then frame what it has another way, instead of waiting for data that may not come.
    /// </summary>
    public bool InputPaused { get; private set; }

    /// <summary>Total bytes read from the stream so far.</summary>
    public long BytesRead => _bufferOffset + _end;

    /// <summary>The size of the current buffer in bytes: a shared chunk's, or the window's own, which never shrinks.</summary>
    public int BufferSize => _buffer.Length;

    /// <summary>Whether the bytes from <paramref name="offset"/> (absolute) to the last one read are still buffered.</summary>
    public bool Holds(long offset) => offset >= _bufferOffset && offset <= BytesRead;

    /// <summary>Returns the buffered bytes from <paramref name="start"/> to <paramref name="end"/> (absolute offsets).</summary>
    public ReadOnlySpan<byte> Slice(long start, long end) =>
        _buffer.AsSpan((int)(start - _bufferOffset), (int)(end - start));

    /// <summary>
    /// Where the buffered byte at <paramref name="offset"/> (absolute) lies in a shared chunk, or
    /// <c>null</c> when the window's buffer is its own and its bytes are overwritten by the next fill.
    /// </summary>
    public ChunkSlice? SharedSlice(long offset) =>
        _chunk is { } chunk ? new ChunkSlice(chunk, (int)(offset - _bufferOffset)) : null;

    /// <summary>Keeps the bytes from <paramref name="offset"/> on buffered until <see cref="ClearMark"/>.</summary>
    /// <param name="offset">The absolute offset of the first byte to keep.</param>
    /// <param name="maxLength">
    /// The maximum number of bytes to keep from <paramref name="offset"/>. Once that many are buffered,
    /// <see cref="Fill"/> throws instead of reading on, so that a value over its size limit is not buffered whole.
    /// </param>
    public void SetMark(long offset, int maxLength = int.MaxValue)
    {
        _mark = offset;
        _markMaxLength = maxLength;
    }

    public void ClearMark()
    {
        _mark = -1;
        _markMaxLength = int.MaxValue;
    }

    /// <summary>Consumes <paramref name="count"/> bytes, counting the lines they end.</summary>
    public void Advance(int count)
    {
        var consumed = _buffer.AsSpan(_start, count);
        var newlines = consumed.Count((byte)'\n');
        if (newlines > 0)
        {
            _lineNumber += newlines;
            _lineStart = Position + consumed.LastIndexOf((byte)'\n') + 1;
        }

        _start += count;
    }

    /// <summary>
    /// Consumes <paramref name="count"/> bytes that contain no line feed, such as a record that
    /// <see cref="StructuralFraming"/> framed. Counting line feeds in them took about 1 % of a 1 GB
    /// hunt's processor time (perf), whose records share one line.
    /// </summary>
    public void AdvanceWithinLine(int count) => _start += count;

    /// <summary>Reads more bytes; returns <c>false</c> at the end of the stream.</summary>
    /// <exception cref="IOException">The stream failed, for example on corrupt gzip data.</exception>
    /// <exception cref="BufferLimitException">The buffer is full and already at its maximum size.</exception>
    /// <exception cref="MarkLimitException">More bytes than the mark's maximum length are buffered from the mark.</exception>
    public bool Fill()
    {
        if (IsEndOfStream)
        {
            return false;
        }

        // One check per fill, not per byte. A caller fills only while the value it frames has not
        // ended within the buffered bytes, so the value is longer than the bytes kept from the mark.
        if (_mark >= 0 && BytesRead - _mark >= _markMaxLength)
        {
            throw new MarkLimitException(_markMaxLength);
        }

        if (_chunks is not null && TryTakeChunk(_chunks, out var filled))
        {
            return filled;
        }

        MakeRoom();

        // Fill the free space completely, so that a caller rescanning a partial value from its start
        // gets at least half a buffer of new bytes per rescan. With the geometric growth, the
        // rescans of one value then cost time linear in its size. A pipe that has gone quiet ends
        // the fill early, so that the records it gave are framed now and not when more data comes.
        // That happens only while the pipe pauses, so it adds few rescans unless a large value
        // arrives with many pauses.
        var before = _end;
        InputPaused = false;
        while (_end < _buffer.Length)
        {
            if (_end > before && Pipe is { } pipe && !pipe.WaitForData())
            {
                InputPaused = true;
                break;
            }

            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                IsEndOfStream = true;
                break;
            }

            _end += read;
        }

        return _end > before;
    }

    /// <summary>Fills until at least one unconsumed byte is buffered; returns <c>false</c> at the end.</summary>
    public bool EnsureAvailable()
    {
        while (_start == _end)
        {
            if (!Fill())
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Moves back to <paramref name="offset"/>, which must still be buffered (see <see cref="SetMark"/>).</summary>
    public void Rewind(long offset, long line, long lineStart)
    {
        _start = (int)(offset - _bufferOffset);
        _lineNumber = line;
        _lineStart = lineStart;
    }

    /// <summary>
    /// Reads up to <paramref name="maxBytes"/> more bytes from the stream past the buffered ones, and
    /// keeps them for the fills that follow, so that a layer under the data can be checked to its
    /// end. Returns whether the stream ended within them. Over shared chunks it reads nothing.
    /// </summary>
    public bool ReadAhead(int maxBytes)
    {
        if (IsEndOfStream || _chunks is not null)
        {
            return IsEndOfStream;
        }

        var ahead = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(InitialSize);
        try
        {
            while (ahead.Length < maxBytes)
            {
                var read = _stream.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes - ahead.Length));
                if (read == 0)
                {
                    _stream = new PrefixedStream(ahead.ToArray(), _stream);
                    return true;
                }

                ahead.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        _stream = new PrefixedStream(ahead.ToArray(), _stream);
        return false;
    }

    /// <summary>Consumes every byte to the end of the stream, without counting lines; returns the offset of the end.</summary>
    public long SkipToEnd()
    {
        while (EnsureAvailable())
        {
            AdvanceWithinLine(Available.Length);
        }

        return Position;
    }

    /// <summary>Consumes bytes up to and including the next line feed; returns <c>false</c> at the end.</summary>
    public bool SkipPastNewline()
    {
        while (EnsureAvailable())
        {
            var newline = Available.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                Advance(newline + 1);
                return true;
            }

            Advance(Available.Length);
        }

        return false;
    }

    /// <summary>Consumes JSON whitespace; returns the next byte, or -1 at the end.</summary>
    public int SkipWhitespace()
    {
        while (EnsureAvailable())
        {
            var span = Available;
            var index = span.IndexOfAnyExcept(" \t\r\n"u8);
            if (index >= 0)
            {
                Advance(index);
                return span[index];
            }

            Advance(span.Length);
        }

        return -1;
    }

    public void Dispose()
    {
        ReleaseBuffer();
        _buffer = [];
    }

    /// <summary>
    /// Takes the next chunk whole when the bytes to keep fit in front of its data; returns
    /// <c>false</c> to leave the fill to the copying path.
    /// </summary>
    private bool TryTakeChunk(ReadAheadStream chunks, out bool filled)
    {
        filled = false;
        var keepFrom = KeepFrom();
        var keptLength = _end - keepFrom;
        if (keptLength > ReadAheadStream.Reserve)
        {
            return false;
        }

        if (!chunks.TakeChunk(out var chunk, out var dataStart, out var length))
        {
            IsEndOfStream = true;
            return true;
        }

        var newStart = dataStart - keptLength;
        _buffer.AsSpan(keepFrom, keptLength).CopyTo(chunk.Buffer.AsSpan(newStart));
        ReleaseBuffer();
        _buffer = chunk.Buffer;
        _chunk = chunk;
        _bufferOffset += keepFrom - newStart;
        _start += newStart - keepFrom;
        _end = dataStart + length;
        filled = true;
        return true;
    }

    private int KeepFrom() => _mark >= 0 ? (int)(_mark - _bufferOffset) : _start;

    /// <summary>Returns the buffer: releases a shared chunk's reference, or gives an own buffer back to the array pool.</summary>
    private void ReleaseBuffer()
    {
        if (_chunk is { } chunk)
        {
            _chunk = null;
            chunk.Release();
        }
        else if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }

    /// <summary>Moves the bytes to keep out of a shared chunk into a buffer of the window's own, which the copying path may overwrite.</summary>
    private void LeaveChunk()
    {
        var keepFrom = KeepFrom();
        var keptLength = _end - keepFrom;
        var own = ArrayPool<byte>.Shared.Rent(Math.Min(_maxSize, Math.Max(InitialSize, keptLength * 2)));
        _buffer.AsSpan(keepFrom, keptLength).CopyTo(own);
        ReleaseBuffer();
        _buffer = own;
        _bufferOffset += keepFrom;
        _start -= keepFrom;
        _end = keptLength;
    }

    private void MakeRoom()
    {
        if (_chunk is not null)
        {
            LeaveChunk();
        }

        var keepFrom = KeepFrom();
        if (keepFrom > 0)
        {
            var keptLength = _end - keepFrom;
            _buffer.AsSpan(keepFrom, keptLength).CopyTo(_buffer);
            _bufferOffset += keepFrom;
            _start -= keepFrom;
            _end = keptLength;
        }

        if (_buffer.Length - _end < _buffer.Length / 2)
        {
            Grow();
        }
    }

    private void Grow()
    {
        if (_buffer.Length >= _maxSize)
        {
            // At the maximum size, a partly free buffer is still filled; only a full one fails.
            if (_end < _buffer.Length)
            {
                return;
            }

            throw new BufferLimitException(_maxSize);
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, _maxSize));
        _buffer.AsSpan(0, _end).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
