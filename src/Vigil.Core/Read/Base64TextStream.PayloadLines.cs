namespace Vigil.Read;

/// <summary>
/// The split of a file's base64 text into payloads, so that a line cut short or damaged costs only
/// its own payload. Kinesis Data Streams and Firehose deliver CloudWatch Logs subscription payloads
/// one per line, and a payload that is the whole file may be wrapped over many lines.
/// </summary>
/// <remarks>
/// A payload ends at a line break after '=' padding, which ends base64 text, and where a later line
/// starts like the base64 of a gzip header. Inside a payload wrapped at a fixed width, such a line
/// would be split off by mistake. So once two lines of a payload have the same length, it is taken
/// as wrapped, and such a line starts a payload only after a shorter line, when its own length
/// differs from the width, or when trials of the gzip data show that the payload was cut at the
/// line break before it (see <see cref="StartsPayloadAfterCut"/>). A wrapped payload cut short
/// then does not swallow the next payload, even one wrapped at the same width.
/// The check that remains, on the second line of each wrapped payload, matches random base64 text
/// with a probability of 2^-27.
/// A line where a payload would start that does not start like a gzip header (a header line, a
/// line of padding) is reported as not a payload and skipped.
/// </remarks>
internal sealed partial class Base64TextStream
{
    // The base64 text of the gzip magic and deflate method byte (1F 8B 08). The character after it
    // encodes the top six bits of the flags byte, whose three reserved bits are zero (RFC 1952,
    // section 2.3.1), so it is one of 'A' to 'H'.
    private static readonly byte[] GzipHeaderStart = "H4sI"u8.ToArray();

    private const int PayloadStartLength = 5;

    // The leading characters of a line that is not a payload shown in its error.
    private const int LineStartShown = 40;

    /// <summary>
    /// The advice a gzip failure gives for a payload decoded from base64 text, in place of advice
    /// about a gzip file; <see cref="DecodedDataNote"/> follows it.
    /// </summary>
    public const string DamagedGzipAdvice = "the payload is truncated or corrupt";

    /// <summary>The advice in a message about a payload's gzip data that fails its CRC-32 check; <see cref="DecodedDataNote"/> follows it.</summary>
    public const string CorruptGzipAdvice = "the payload is corrupt";

    // Blank lines before a line that may start a payload are looked through up to this many bytes.
    private const int MaxBlankLookAhead = 64 * 1024;

    private bool _payloadEnded;
    private bool _payloadHasText;
    private long _payloadLine;

    // Whether the last base64 character read was the padding that completes a group.
    private bool _endedWithPadding;

    // The lines of the current payload that ended, the length of its first, and whether every one
    // had that length, as the lines of text wrapped at a fixed width do.
    private long _payloadLinesEnded;
    private long _payloadWidth;
    private bool _payloadWidthFixed;

    // The bytes decoded from the current payload, the line of its last base64 character, and the
    // decoded offsets of its last lines that start on a whole group of four characters. The gzip
    // layer reads at most some 64 KiB ahead of a member's end, so that many lines are plenty.
    private long _payloadDecoded;
    private long _lastTextLine;
    private readonly Queue<(long Offset, long Line)> _lineStarts = new();
    private const int MaxLineStartsKept = 4096;

    /// <summary>Whether this stream ends at each line that starts a payload, as a file's text does.</summary>
    public bool SplitsPayloadLines => splitsPayloadLines;

    /// <summary>The line of the first base64 character of the current payload, or 0 before it is read.</summary>
    public long PayloadLine => _payloadLine;

    /// <summary>Whether the current payload has base64 text, not only whitespace and skipped lines.</summary>
    public bool PayloadHasText => _payloadHasText;

    /// <summary>
    /// Returns a stream of the current payload's bytes, which ends where the payload does and leaves
    /// this stream open when disposed.
    /// </summary>
    public Stream CurrentPayload() => new PayloadView(this);

    /// <summary>
    /// Skips what is left of the current payload and moves to the next, and returns <c>false</c> at
    /// the end of the text. After invalid text, the payload's lines up to the next line that starts a
    /// payload are skipped with it, because they are part of the payload already reported.
    /// </summary>
    public bool NextPayload()
    {
        var rest = new byte[4096];
        _pendingLength = 0;
        while (Failure is null && !_payloadEnded && Decode(rest) > 0)
        {
        }

        // A payload that ended at the next one's line may have failed too, on a group cut short.
        var found = _payloadEnded || (Failure is not null && SkipToPayloadLine());
        if (!found)
        {
            return false;
        }

        Failure = null;
        (_group, _groupCount, _paddingCount, _lineEndedInsideGroup) = (0, 0, 0, 0);
        (_payloadEnded, _payloadHasText, _payloadLine, _payloadLinesEnded, _endedWithPadding) = (false, false, 0, 0, false);
        (_payloadDecoded, _lastTextLine) = (0, 0);
        _lineStarts.Clear();
        ClearPayloadBytes();
        return true;
    }

    /// <summary>
    /// Whether <paramref name="line"/> starts like the base64 text of a gzip header: 'H4sI' and a
    /// flags character from 'A' to 'H'.
    /// </summary>
    public static bool StartsLikeGzipHeader(ReadOnlySpan<byte> line) =>
        line.Length >= PayloadStartLength && line.StartsWith(GzipHeaderStart) && line[GzipHeaderStart.Length] is >= (byte)'A' and <= (byte)'H';

    /// <summary>
    /// Whether the line at the current position ends the current payload by starting the next.
    /// <paramref name="decodedInCall"/> contains the payload's bytes decoded in the current read.
    /// </summary>
    private bool EndsPayload(ReadOnlySpan<byte> decodedInCall)
    {
        if (!splitsPayloadLines || !_payloadHasText)
        {
            return false;
        }

        if (_endedWithPadding)
        {
            return true;
        }

        if (!StartsPayload(out var textOffset))
        {
            return false;
        }

        var wrapped = _payloadLinesEnded >= 2 && _payloadWidthFixed;
        if (!wrapped || LineLengthDiffers(textOffset, _payloadWidth))
        {
            return true;
        }

        // A blank line before the line makes the width differ, so the line is decided when it is reached.
        var onCurrentLine = _text.AsSpan(_textPosition, textOffset).IndexOfAny((byte)'\n', (byte)'\r') < 0;
        return onCurrentLine && StartsPayloadAfterCut(decodedInCall);
    }

    /// <summary>
    /// Whether the line that contains the text <paramref name="textOffset"/> bytes past the current
    /// position is not <paramref name="width"/> characters long. Reads at most width + 1
    /// characters of it; a width too long to buffer counts as the same length.
    /// </summary>
    private bool LineLengthDiffers(int textOffset, long width)
    {
        if (width >= MaxCheckedLine)
        {
            return false;
        }

        var before = _text.AsSpan(_textPosition, textOffset).LastIndexOfAny((byte)'\n', (byte)'\r');
        var lineOffset = before + 1;
        while (true)
        {
            var line = _text.AsSpan(_textPosition + lineOffset, _textLength - _textPosition - lineOffset);
            var end = line[..(int)Math.Min(line.Length, width + 1)].IndexOfAny((byte)'\n', (byte)'\r');
            if (end >= 0)
            {
                return end != width;
            }

            if (line.Length > width || _innerEnded || !ReadMore())
            {
                return line.Length != width;
            }
        }
    }

    /// <summary>
    /// Skips the line at the current position when a payload would start on it but it does not
    /// start like the base64 of a gzip header, and returns <c>true</c>. Such a line is reported:
    /// a header before the payloads, a line of '=' padding, or base64 text after a padded payload.
    /// A blank line is not skipped here, and a line too long to check is decoded as before.
    /// </summary>
    private bool SkipLineNotPayload()
    {
        if (!splitsPayloadLines || _payloadHasText)
        {
            return false;
        }

        var end = LineEnd();
        if (end < 0)
        {
            return false;
        }

        var line = _text.AsSpan(_textPosition, end - _textPosition);
        var text = line.TrimStart(" \t"u8);
        // A character outside base64 on the last line is reported where the decoder meets it.
        if (text.IsEmpty || StartsLikeGzipHeaderSoFar(text) || text.IndexOfAnyExcept(LineText) >= 0)
        {
            return false;
        }

        var lineStart = text[..Math.Min(text.Length, LineStartShown)];
        _skippedLines.Enqueue((_line, $"not a payload: line {_line} starts with {JsonErrors.QuoteBytes(lineStart)}, but the base64 text of a CloudWatch Logs subscription payload starts with 'H4sI', the gzip header; the line is left out (counted as an error), and the payloads on the lines after it are read"));
        _textPosition = end;
        _column += line.Length;
        return true;
    }

    /// <summary>
    /// Whether <paramref name="text"/> starts like the base64 of a gzip header as far as it goes,
    /// so that a payload wrapped at fewer columns than the header's characters is still read.
    /// </summary>
    private static bool StartsLikeGzipHeaderSoFar(ReadOnlySpan<byte> text)
    {
        if (text.Length >= PayloadStartLength)
        {
            return StartsLikeGzipHeader(text);
        }

        return GzipHeaderStart.AsSpan().StartsWith(text[..Math.Min(text.Length, GzipHeaderStart.Length)]);
    }

    /// <summary>Ends the current payload before the line at the current position, and returns the bytes written.</summary>
    private int EndPayload(Span<byte> buffer)
    {
        _payloadEnded = true;
        return DecodeUnpaddedGroup(buffer);
    }

    /// <summary>
    /// Decodes the group of four characters that the end of a payload cut short, as if padded: a
    /// line ends the payload's text, so the padding is redundant, and some writers strip it. Returns
    /// the bytes written.
    /// </summary>
    private int DecodeUnpaddedGroup(Span<byte> buffer)
    {
        var characters = _groupCount;
        if (characters == 1)
        {
            Failure = _lastTextLine == _payloadLine
                ? $"invalid base64 text: the payload that starts at line {_payloadLine} ends with a single character of a group of four, so the line is cut short"
                : $"invalid base64 text: line {_lastTextLine}, the last line of the payload that starts at line {_payloadLine}, ends with a single character of a group of four, so that line is cut short or is not part of the payload";
            return 0;
        }

        var group = _group << (6 * (4 - characters));
        if (characters >= 2)
        {
            buffer[0] = (byte)(group >> 16);
        }

        if (characters == 3)
        {
            buffer[1] = (byte)(group >> 8);
        }

        (_group, _groupCount, _paddingCount) = (0, 0, 0);
        return Math.Max(characters - 1, 0);
    }

    /// <summary>
    /// Notes base64 text at the current position, <paramref name="written"/> bytes into the current
    /// call's output, and where a line of the payload that starts on a whole group begins.
    /// </summary>
    private void NoteText(int written)
    {
        _endedWithPadding = false;
        if (!_payloadHasText)
        {
            _payloadHasText = true;
            _payloadLine = _line;
        }
        else if (_line != _lastTextLine && _groupCount == 0 && _paddingCount == 0)
        {
            if (_lineStarts.Count == MaxLineStartsKept)
            {
                _lineStarts.Dequeue();
            }

            _lineStarts.Enqueue((_payloadDecoded + written, _line));
        }

        _lastTextLine = _line;
    }

    /// <summary>
    /// Returns the line of the current payload whose text decodes to the bytes from
    /// <paramref name="decodedOffset"/> on, when the payload decoded bytes past that offset; 0 otherwise.
    /// </summary>
    /// <remarks>
    /// The gzip layer gives the offset where its last member ends. A line that starts there contains
    /// no gzip data, so it is not part of the payload. The base64 text alone cannot tell such a line
    /// after a payload whose padding was stripped from the payload's next wrapped line.
    /// </remarks>
    public long LineStartingAt(long decodedOffset)
    {
        if (decodedOffset <= 0 || decodedOffset >= _payloadDecoded)
        {
            return 0;
        }

        foreach (var (offset, line) in _lineStarts)
        {
            if (offset == decodedOffset)
            {
                return line;
            }
        }

        return 0;
    }

    private void NotePayloadLineEnd(long length)
    {
        if (!_payloadHasText)
        {
            return;
        }

        _payloadLinesEnded++;
        if (_payloadLinesEnded == 1)
        {
            (_payloadWidth, _payloadWidthFixed) = (length, true);
        }
        else
        {
            _payloadWidthFixed &= length == _payloadWidth;
        }
    }

    private bool StartsPayload() => StartsPayload(out _);

    /// <summary>
    /// Whether the text at the current position, after any blank lines, starts like the base64 of a
    /// gzip header, and where that text starts, in bytes past the current position. Reads ahead
    /// without consuming.
    /// </summary>
    private bool StartsPayload(out int textOffset)
    {
        var searched = 0;
        while (true)
        {
            var rest = _text.AsSpan(_textPosition + searched, _textLength - _textPosition - searched);
            var start = rest.IndexOfAnyExcept(" \t\r\n"u8);
            if (start >= 0 && rest.Length - start >= PayloadStartLength)
            {
                textOffset = searched + start;
                return StartsLikeGzipHeader(rest[start..]);
            }

            searched += start >= 0 ? start : rest.Length;
            if (searched > MaxBlankLookAhead || _innerEnded || !ReadMore())
            {
                textOffset = 0;
                return false;
            }
        }
    }

    /// <summary>
    /// Skips the text up to the next line that starts a payload, counting lines as it goes, and
    /// returns <c>false</c> when the text ends first.
    /// </summary>
    private bool SkipToPayloadLine()
    {
        while (true)
        {
            if (_textPosition == _textLength && !Refill())
            {
                return false;
            }

            var rest = _text.AsSpan(_textPosition, _textLength - _textPosition);
            var lineBreak = rest.IndexOfAny((byte)'\n', (byte)'\r');
            if (lineBreak < 0)
            {
                (_textPosition, _column, _previousWasCarriageReturn) = (_textLength, _column + rest.Length, false);
                continue;
            }

            _previousWasCarriageReturn &= lineBreak == 0;
            _textPosition += lineBreak + 1;
            _column += lineBreak + 1;
            NoteWhitespace(rest[lineBreak]);
            if (StartsPayload())
            {
                return true;
            }
        }
    }

    /// <summary>The current payload's bytes, read through the text stream, which it leaves open.</summary>
    private sealed class PayloadView(Base64TextStream text) : ReadOnlyStream
    {
        public override int Read(Span<byte> buffer) => text.Read(buffer);
    }
}
