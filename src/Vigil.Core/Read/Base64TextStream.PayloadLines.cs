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
/// as wrapped, and only a line after a shorter one starts a payload. The check that remains, on the
/// second line of each wrapped payload, matches random base64 text with a probability of 2^-27.
/// </remarks>
internal sealed partial class Base64TextStream
{
    // The base64 text of the gzip magic and deflate method byte (1F 8B 08). The character after it
    // encodes the top six bits of the flags byte, whose three reserved bits are zero (RFC 1952,
    // section 2.3.1), so it is one of 'A' to 'H'.
    private static readonly byte[] GzipHeaderStart = "H4sI"u8.ToArray();

    private const int PayloadStartLength = 5;

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
        return true;
    }

    /// <summary>Whether the line at the current position ends the current payload by starting the next.</summary>
    private bool EndsPayload() =>
        splitsPayloadLines
        && _payloadHasText
        && (_endedWithPadding || (!(_payloadLinesEnded >= 2 && _payloadWidthFixed) && StartsPayload()));

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
            Failure = $"invalid base64 text: the payload that starts at line {_payloadLine} ends with a single character of a group of four, so the line is cut short";
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

    private void NoteText()
    {
        _endedWithPadding = false;
        if (!_payloadHasText)
        {
            _payloadHasText = true;
            _payloadLine = _line;
        }
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

    /// <summary>
    /// Whether the text at the current position, after any blank lines, starts like the base64 of a
    /// gzip header. Reads ahead without consuming.
    /// </summary>
    private bool StartsPayload()
    {
        var searched = 0;
        while (true)
        {
            var rest = _text.AsSpan(_textPosition + searched, _textLength - _textPosition - searched);
            var start = rest.IndexOfAnyExcept(" \t\r\n"u8);
            if (start >= 0 && rest.Length - start >= PayloadStartLength)
            {
                var head = rest[start..];
                return head.StartsWith(GzipHeaderStart) && head[GzipHeaderStart.Length] is >= (byte)'A' and <= (byte)'H';
            }

            searched += start >= 0 ? start : rest.Length;
            if (searched > MaxBlankLookAhead || _innerEnded || !ReadMore())
            {
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
