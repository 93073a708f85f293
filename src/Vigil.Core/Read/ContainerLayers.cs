using System.Text;

namespace Vigil.Read;

/// <summary>
/// Removes the byte-level layers around JSON, recognised by content. The layers are gzip (every
/// member, each checked against its trailer), base64 text of gzip (a CloudWatch Logs subscription
/// payload as Kinesis delivers it), the line timestamps of a CloudWatch Logs export, and UTF-16
/// text (what Windows PowerShell 5 writes when AWS CLI output is redirected to a file) or UTF-32 text.
/// </summary>
internal static class ContainerLayers
{
    /// <summary>The leading bytes recognition reads: enough for a timestamp prefix such as "2024-05-01T12:00:00.000Z {".</summary>
    public const int HeadLength = 40;

    // No delivery format nests more than three layers (timestamps in gzip in base64). The loop stops
    // after this many, so a crafted file cannot nest layers without bound.
    private const int MaxLayers = 4;

    private static readonly byte[] GzipMagic = [0x1F, 0x8B];

    // The base64 text of the gzip magic and deflate method byte (1F 8B 08).
    private static readonly byte[] Base64GzipMagic = "H4sI"u8.ToArray();

    private static readonly byte[] Utf8ByteOrderMark = [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// The leading bytes searched for a payload line behind lines that are not payloads. One line
    /// of a Kinesis record's base64 text may be longer, but a header or a bad line rarely is.
    /// </summary>
    private const int PayloadLookAhead = 64 * 1024;

    /// <summary>
    /// Returns <paramref name="stream"/> with every recognised layer removed, ready for the JSON
    /// reader, and adds each gzip and base64 layer to <paramref name="failingLayers"/>, outermost
    /// first, so that its failure can be read once the data ends.
    /// </summary>
    /// <remarks>
    /// With <paramref name="splitPayloadLines"/>, base64 text is returned as a
    /// <see cref="Base64TextStream"/> that splits it into payloads, each to be opened on its own
    /// with <see cref="Base64TextStream.CurrentPayload"/>, so that a damaged payload line costs only its payload.
    /// </remarks>
    public static Stream Open(Stream stream, List<IFailingLayer> failingLayers, bool splitPayloadLines = false)
    {
        var current = stream;
        for (var layer = 0; layer < MaxLayers; layer++)
        {
            var head = new byte[HeadLength];
            var read = current.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var prefixed = new PrefixedStream(head[..read], current);
            var next = Unwrap(head.AsSpan(0, read), prefixed, splitPayloadLines);
            if (next is null && splitPayloadLines && !StartsLikeJson(head.AsSpan(0, read)))
            {
                next = PayloadLinesAfterOtherLines(head[..read], current, out prefixed);
            }

            if (next is GzipMemberStream gzip && failingLayers.OfType<Base64TextStream>().Any())
            {
                gzip.DamageAdvice = Base64TextStream.DamagedGzipAdvice;
                gzip.CorruptionAdvice = Base64TextStream.CorruptGzipAdvice;
            }

            if (next is IFailingLayer failing)
            {
                failingLayers.Add(failing);
            }

            if (next is null)
            {
                return prefixed;
            }

            if (next is Base64TextStream { SplitsPayloadLines: true })
            {
                return next;
            }

            current = next;
        }

        return current;
    }

    /// <summary>
    /// Returns why the data of <paramref name="failingLayers"/> ended early, from the outermost
    /// layer that failed, or <c>null</c> when none did. A gzip failure under a base64 layer names
    /// the base64 text, because misaligned text shows up only as invalid gzip data.
    /// </summary>
    public static string? Failure(IReadOnlyList<IFailingLayer> failingLayers)
    {
        for (var i = 0; i < failingLayers.Count; i++)
        {
            if (failingLayers[i].Failure is not { } failure)
            {
                continue;
            }

            var base64 = failingLayers.Take(i).OfType<Base64TextStream>().FirstOrDefault();
            return base64 is null || failingLayers[i] is not GzipMemberStream ? failure : $"{failure} ({base64.DecodedDataNote})";
        }

        return null;
    }

    /// <summary>
    /// Whether the layer whose failure <see cref="Failure"/> returns shows that data it returned
    /// before may be wrong, such as gzip data that fails its CRC-32 check.
    /// </summary>
    public static bool IsCorrupt(IReadOnlyList<IFailingLayer> failingLayers) =>
        failingLayers.FirstOrDefault(layer => layer.Failure is not null) is { DataIsCorrupt: true };

    /// <summary>
    /// Whether <paramref name="head"/> starts like data the reader takes: a layer it removes, or
    /// JSON after optional whitespace and a UTF-8 byte order mark.
    /// </summary>
    public static bool StartsLikeData(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(GzipMagic) || IsBase64OfGzip(head) || WideEncoding(head, out _) is not null || TimestampPrefixStream.Matches(head))
        {
            return true;
        }

        var text = head.StartsWith(Utf8ByteOrderMark) ? head[Utf8ByteOrderMark.Length..] : head;
        var start = text.IndexOfAnyExcept(" \t\r\n"u8);
        return start >= 0 && text[start] is (byte)'{' or (byte)'[' || IsBase64OfGzip(text);
    }

    private static bool StartsLikeJson(ReadOnlySpan<byte> head)
    {
        var text = head.StartsWith(Utf8ByteOrderMark) ? head[Utf8ByteOrderMark.Length..] : head;
        var start = text.IndexOfAnyExcept(" \t\r\n"u8);
        return start >= 0 && text[start] is (byte)'{' or (byte)'[';
    }

    /// <summary>
    /// Returns a <see cref="Base64TextStream"/> of payload lines when lines that are not payloads
    /// (a header such as <c># kinesis export</c>, or a bad line before the text appended to a file
    /// since the last ingest) come before a line that starts like a payload, within
    /// <see cref="PayloadLookAhead"/> bytes; otherwise <c>null</c>. The stream reports each such
    /// line as an error and reads the payloads after it. <paramref name="prefixed"/> returns the
    /// data from its start either way.
    /// </summary>
    /// <remarks>
    /// A line that starts like the base64 of a gzip header is required, so that prose or another
    /// text file is still skipped as not CloudTrail JSON. A line that starts with <c>{</c> first
    /// leaves the data to the JSON reader, which reads NDJSON behind header lines.
    /// </remarks>
    private static Base64TextStream? PayloadLinesAfterOtherLines(byte[] head, Stream rest, out PrefixedStream prefixed)
    {
        var start = new byte[PayloadLookAhead];
        head.CopyTo(start, 0);
        var read = head.Length + rest.ReadAtLeast(start.AsSpan(head.Length), start.Length - head.Length, throwOnEndOfStream: false);
        prefixed = new PrefixedStream(start[..read], rest);

        var text = start.AsSpan(0, read);
        if (ArchiveFormats.Recognise(text) is not null)
        {
            return null;
        }

        for (var lineBreak = text.IndexOfAny((byte)'\n', (byte)'\r'); lineBreak >= 0; lineBreak = text.IndexOfAny((byte)'\n', (byte)'\r'))
        {
            text = text[(lineBreak + 1)..];
            var line = text.TrimStart(" \t"u8);
            if (line.StartsWith("{"u8))
            {
                return null;
            }

            if (Base64TextStream.StartsLikeGzipHeader(line))
            {
                return new Base64TextStream(prefixed, splitsPayloadLines: true);
            }
        }

        return null;
    }

    private static Stream? Unwrap(ReadOnlySpan<byte> head, Stream stream, bool splitPayloadLines)
    {
        if (head.StartsWith(GzipMagic))
        {
            return new GzipMemberStream(stream);
        }

        if (IsBase64OfGzip(head))
        {
            return new Base64TextStream(stream, splitPayloadLines);
        }

        // Windows PowerShell 5 (Out-File -Encoding utf8) starts UTF-8 text with a byte order mark.
        if (head.StartsWith(Utf8ByteOrderMark) && IsBase64OfGzip(head[Utf8ByteOrderMark.Length..]))
        {
            stream.ReadExactly(new byte[Utf8ByteOrderMark.Length]);
            return new Base64TextStream(stream, splitPayloadLines);
        }

        if (WideEncoding(head, out var byteOrderMarkLength) is { } encoding)
        {
            stream.ReadExactly(new byte[byteOrderMarkLength]);
            return Encoding.CreateTranscodingStream(stream, encoding, Encoding.UTF8);
        }

        return TimestampPrefixStream.Matches(head) ? new TimestampPrefixStream(stream) : null;
    }

    /// <summary>
    /// Whether <paramref name="head"/> starts with the base64 text of the gzip magic, whitespace
    /// anywhere in it ignored as the decoder ignores it (text wrapped at a few columns).
    /// </summary>
    private static bool IsBase64OfGzip(ReadOnlySpan<byte> head)
    {
        var matched = 0;
        foreach (var b in head)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                continue;
            }

            if (b != Base64GzipMagic[matched])
            {
                return false;
            }

            if (++matched == Base64GzipMagic.Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Returns the UTF-32 or UTF-16 encoding of text that starts with a byte order mark, or, without
    /// one, with ASCII characters as UTF-32 or UTF-16 code units; otherwise <c>null</c>.
    /// </summary>
    private static Encoding? WideEncoding(ReadOnlySpan<byte> head, out int byteOrderMarkLength)
    {
        // UTF-32 first: its little-endian byte order mark starts like UTF-16's. PowerShell writes it
        // for -Encoding utf32, and read as UTF-16 its zero units would fail at the first character.
        byteOrderMarkLength = 4;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: false);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: false);
        }

        byteOrderMarkLength = 2;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode;
        }

        byteOrderMarkLength = 0;
        if (IsAsciiInUtf32(head, bigEndian: false) || IsAsciiInUtf32(head, bigEndian: true))
        {
            return new UTF32Encoding(bigEndian: IsAsciiInUtf32(head, bigEndian: true), byteOrderMark: false, throwOnInvalidCharacters: false);
        }

        if (IsAsciiInUtf16(head, zeroFirst: false))
        {
            return Encoding.Unicode;
        }

        return IsAsciiInUtf16(head, zeroFirst: true) ? Encoding.BigEndianUnicode : null;
    }

    /// <summary>Whether <paramref name="head"/> reads as at least two ASCII characters in UTF-32 without a byte order mark.</summary>
    private static bool IsAsciiInUtf32(ReadOnlySpan<byte> head, bool bigEndian)
    {
        var units = head.Length / 4;
        if (units < 2)
        {
            return false;
        }

        for (var i = 0; i < units; i++)
        {
            var unit = head.Slice(4 * i, 4);
            var text = bigEndian ? unit[3] : unit[0];
            var zeros = bigEndian ? unit[..3] : unit[1..];
            if (zeros.IndexOfAnyExcept((byte)0) >= 0 || !(text is (byte)'\t' or (byte)'\n' or (byte)'\r' || text is >= 0x20 and < 0x7F))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether <paramref name="head"/> reads as ASCII text in UTF-16 without a byte order mark: at
    /// least two code units, each a printable ASCII character or whitespace, with its zero byte
    /// second (little-endian) or first (big-endian).
    /// </summary>
    private static bool IsAsciiInUtf16(ReadOnlySpan<byte> head, bool zeroFirst)
    {
        var units = head.Length / 2;
        if (units < 2)
        {
            return false;
        }

        for (var i = 0; i < units; i++)
        {
            var (zero, text) = zeroFirst ? (head[2 * i], head[2 * i + 1]) : (head[2 * i + 1], head[2 * i]);
            if (zero != 0 || !(text is (byte)'\t' or (byte)'\n' or (byte)'\r' || text is >= 0x20 and < 0x7F))
            {
                return false;
            }
        }

        return true;
    }
}
