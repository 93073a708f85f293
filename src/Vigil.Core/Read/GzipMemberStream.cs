using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Vigil.Read;

/// <summary>
/// Decompresses every member of a gzip stream (RFC 1952) and checks each member's trailer, so a
/// file cut short is reported even when the cut falls between two NDJSON lines.
/// </summary>
/// <remarks>
/// .NET's <see cref="GZipStream"/> (checked on .NET 10) ends without an error when the compressed
/// data stops early, and it does not expose each member's CRC-32 and size. Here each member's
/// header is parsed, its deflate data is inflated by a raw <see cref="DeflateStream"/>, and the
/// eight trailer bytes must follow with the CRC-32 and size (mod 2^32) of what was inflated.
/// Zero bytes after the last member are padding and ignored, as gzip(1) does. A failed check ends
/// the data and sets <see cref="Failure"/> instead of throwing, because the reader above buffers
/// ahead and must still return the records decompressed before the failure.
/// </remarks>
internal sealed class GzipMemberStream(Stream compressed) : ReadOnlyStream, IFailingLayer
{
    private const int TrailerLength = 8;

    private readonly RawSource _source = new(compressed);
    private readonly Crc32 _crc = new();
    private DeflateStream? _member;
    private long _memberLength;
    private int _members;
    private bool _ended;
    private int _membersFinished;
    private long _lastMemberEnd;

    /// <summary>Why the data ended early (truncated or corrupt gzip), or <c>null</c> while it is intact.</summary>
    public string? Failure { get; private set; }

    /// <summary>
    /// Whether <see cref="Failure"/> shows that bytes already returned may be wrong: a member whose
    /// trailer is in place failed its CRC-32 check, or its deflate data was invalid. A member cut
    /// short fails without this, because the bytes inflated before the cut are right.
    /// </summary>
    public bool DataIsCorrupt { get; private set; }

    /// <summary>
    /// The compressed offset just past the last member's trailer, or -1 when a member started after
    /// it. The data ended there, or what follows is not gzip.
    /// </summary>
    public long EndOfMembers => _member is null && _members > 0 && _membersFinished == _members ? _lastMemberEnd : -1;

    /// <summary>The members whose header was read.</summary>
    public int MembersStarted => _members;

    /// <summary>The members whose trailer matched what was inflated from them.</summary>
    public int MembersFinished => _membersFinished;

    /// <summary>
    /// The advice in a failure message about damaged data. A layer that decoded the gzip data from
    /// other text sets advice for that text.
    /// </summary>
    public string DamageAdvice { get; set; } = "the file is truncated or corrupt; download it again, or check it with 'gzip -t'";

    /// <summary>The advice in a failure message about data that fails its CRC-32 check, set as <see cref="DamageAdvice"/> is.</summary>
    public string CorruptionAdvice { get; set; } = "the file is corrupt; download it again, or check it with 'gzip -t'";

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return ReadMembers(buffer);
        }
        catch (InvalidDataException exception)
        {
            Failure = exception.Message;
            _ended = true;
            return 0;
        }
    }

    private int ReadMembers(Span<byte> buffer)
    {
        while (!_ended && buffer.Length > 0)
        {
            if (_member is null && !StartMember())
            {
                _ended = true;
                return 0;
            }

            var read = InflateMember(buffer);
            if (read > 0)
            {
                _crc.Append(buffer[..read]);
                _memberLength += read;
                return read;
            }

            FinishMember();
        }

        return 0;
    }

    /// <summary>
    /// Inflates the current member into <paramref name="buffer"/>, and words the inflater's error
    /// (.NET's text, such as "unsupported compression method", names no position) as the other gzip errors.
    /// </summary>
    private int InflateMember(Span<byte> buffer)
    {
        try
        {
            return _member!.Read(buffer);
        }
        catch (InvalidDataException)
        {
            DataIsCorrupt = true;
            throw new InvalidDataException(
                $"gzip member {_members} has invalid deflate data after its {_memberLength} decompressed bytes, "
                + $"near compressed byte {_source.Consumed}: {DamageAdvice}");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _member?.Dispose();
            _source.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool StartMember()
    {
        var first = _source.PeekByte();
        if (first < 0 || (first == 0 && _members > 0))
        {
            return false;
        }

        GzipHeader.Skip(_source, _members + 1);
        _members++;
        _memberLength = 0;
        _crc.Reset();
        _member = new DeflateStream(_source, CompressionMode.Decompress, leaveOpen: true);
        return true;
    }

    private void FinishMember()
    {
        Span<byte> trailer = stackalloc byte[TrailerLength];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, _crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], unchecked((uint)_memberLength));
        _member!.Dispose();
        _member = null;

        var found = _source.SkipPastTrailer(trailer);
        if (found == TrailerMatch.CrcMismatch)
        {
            DataIsCorrupt = true;
            throw new InvalidDataException(
                $"gzip member {_members} fails its CRC-32 check: the CRC-32 in its trailer does not match its {_memberLength} "
                + $"decompressed bytes, near compressed byte {_source.Consumed}, so the data is corrupt: {CorruptionAdvice}");
        }

        if (found == TrailerMatch.Missing)
        {
            throw new InvalidDataException(
                $"gzip member {_members} has no valid trailer (CRC-32 and size) after its {_memberLength} "
                + $"decompressed bytes, near compressed byte {_source.Consumed}: {DamageAdvice}");
        }

        _membersFinished++;
        _lastMemberEnd = _source.Consumed;
    }

    private enum TrailerMatch
    {
        Found,

        // The size field matches where a trailer ends, at the end of the data or before the next
        // member's magic, but the CRC-32 before it does not.
        CrcMismatch,
        Missing,
    }

    /// <summary>
    /// The compressed input. It hands the inflater bounded chunks and keeps the last two buffered,
    /// because the inflater reads past the end of a member's deflate data and the trailer and the
    /// next member start inside what it read.
    /// </summary>
    private sealed class RawSource(Stream inner) : ReadOnlyStream
    {
        private const int ChunkLength = 16 * 1024;

        private byte[] _buffer = new byte[4 * ChunkLength];
        private long _bufferOffset;
        private int _start;
        private int _end;
        private int _chunkStart;
        private int _previousChunkStart;
        private bool _innerEnded;

        /// <summary>The compressed offset up to which bytes were handed out or skipped.</summary>
        public long Consumed => _bufferOffset + _start;

        public override int Read(Span<byte> buffer)
        {
            if (!Ensure(1))
            {
                return 0;
            }

            var count = Math.Min(Math.Min(buffer.Length, _end - _start), ChunkLength);
            _buffer.AsSpan(_start, count).CopyTo(buffer);
            _previousChunkStart = _chunkStart;
            _chunkStart = _start;
            _start += count;
            return count;
        }

        public int PeekByte() => Ensure(1) ? _buffer[_start] : -1;

        public override int ReadByte()
        {
            var value = PeekByte();
            if (value >= 0)
            {
                _start++;
                _chunkStart = _previousChunkStart = _start;
            }

            return value;
        }

        /// <summary>
        /// Finds <paramref name="trailer"/> at or after the start of the last two chunks handed out,
        /// and moves past it. When it is not there, returns whether its size field alone ends a trailer.
        /// </summary>
        public TrailerMatch SkipPastTrailer(ReadOnlySpan<byte> trailer)
        {
            Ensure(TrailerLength);
            var from = _previousChunkStart;
            var searched = _buffer.AsSpan(from, _end - from);
            var found = searched.IndexOf(trailer);
            if (found < 0)
            {
                var crcMismatch = SizeEndsTrailer(searched, trailer[4..]);
                _start = _end;
                return crcMismatch ? TrailerMatch.CrcMismatch : TrailerMatch.Missing;
            }

            _start = from + found + trailer.Length;
            _chunkStart = _previousChunkStart = _start;
            return TrailerMatch.Found;
        }

        /// <summary>
        /// Whether <paramref name="size"/> lies at least four bytes into <paramref name="searched"/>
        /// where a trailer ends: at the end of the data, or before the next member's magic. Deflate
        /// data rarely contains those bytes just there, so a match means the CRC-32 differs.
        /// </summary>
        private bool SizeEndsTrailer(ReadOnlySpan<byte> searched, ReadOnlySpan<byte> size)
        {
            if (_innerEnded && searched.Length >= TrailerLength && searched.EndsWith(size))
            {
                return true;
            }

            for (var at = searched.IndexOf(size); at >= 0; at = NextIndex(searched, size, at))
            {
                var after = searched[(at + size.Length)..];
                if (at >= 4 && after.Length >= 2 && after[0] == 0x1F && after[1] == 0x8B)
                {
                    return true;
                }
            }

            return false;
        }

        private static int NextIndex(ReadOnlySpan<byte> span, ReadOnlySpan<byte> value, int previous)
        {
            var next = span[(previous + 1)..].IndexOf(value);
            return next < 0 ? -1 : previous + 1 + next;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        /// <summary>Buffers at least <paramref name="count"/> bytes after the start, unless the input ends first.</summary>
        private bool Ensure(int count)
        {
            while (_end - _start < count && !_innerEnded)
            {
                Compact();
                var read = inner.Read(_buffer.AsSpan(_end));
                _innerEnded = read == 0;
                _end += read;
            }

            return _end - _start >= count;
        }

        /// <summary>Drops the bytes before the last two chunks, so the trailer search can still see them.</summary>
        private void Compact()
        {
            var keep = _previousChunkStart;
            if (keep > 0)
            {
                _buffer.AsSpan(keep, _end - keep).CopyTo(_buffer);
                _bufferOffset += keep;
                _start -= keep;
                _end -= keep;
                _chunkStart -= keep;
                _previousChunkStart = 0;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
        }
    }
}
