using System.Buffers;
using System.Collections.Concurrent;
using System.Buffers.Text;
using System.Text;

namespace Vigil.Read;

/// <summary>
/// Decodes base64 text to bytes, ignoring whitespace. A padded group of four characters ends one
/// payload and decoding goes on with the next, so payloads back to back decode to their gzip
/// members back to back. For a file, the text is also split into payload lines (see
/// <see cref="NextPayload"/>), so that a damaged line costs only its own payload.
/// </summary>
/// <remarks>
/// .NET's <c>FromBase64Transform</c> rejects text after padding and does not say where a bad
/// character is. This decoder takes runs of whole groups in one call and everything else one
/// character at a time, so it can name the line and column.
/// Invalid text ends the stream, as the end of the file would, and <see cref="Failure"/> gives why:
/// the layers above then give what they decoded before it.
/// </remarks>
internal sealed partial class Base64TextStream(Stream inner, bool splitsPayloadLines = false) : ReadOnlyStream, IFailingLayer
{
    private const int InvalidCharacter = -1;
    private const int Whitespace = -2;
    private const int Padding = -3;

    private const string AlphabetText = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private static readonly sbyte[] Values = BuildValues();

    private static readonly SearchValues<byte> Alphabet = SearchValues.Create(Encoding.ASCII.GetBytes(AlphabetText));

    // A line is checked whole before any of it is decoded, so it is buffered up to this length. A
    // Kinesis Data Streams record is at most 1 MiB, so its base64 text is at most about 1.4 MB.
    private const int MaxCheckedLine = 4 * 1024 * 1024;

    private static readonly SearchValues<byte> LineText = SearchValues.Create(Encoding.ASCII.GetBytes(AlphabetText + "= \t"));

    private byte[] _text = new byte[64 * 1024];
    private int _textLength;
    private int _textPosition;
    private bool _innerEnded;

    // The characters of the group of four being read, as 6-bit values.
    private int _group;
    private int _groupCount;
    private int _paddingCount;

    private long _line = 1;
    private long _column;

    // The first line that ended inside a group of four characters, for the message when the text
    // ends inside one: payloads one per line whose padding was stripped run into each other.
    private long _lineEndedInsideGroup;

    private bool _previousWasCarriageReturn;

    // Bytes of a group decoded for a read of fewer than three bytes and not yet returned.
    private readonly byte[] _pending = new byte[3];
    private int _pendingStart;
    private int _pendingLength;

    public string? Failure { get; private set; }

    // At the start of a line, which is checked whole before it is decoded.
    private bool _atLineStart = true;

    // Lines skipped for a character outside base64, with the reason. The read-ahead thread may add to it.
    private readonly ConcurrentQueue<(long Line, string Reason)> _skippedLines = new();

    /// <summary>
    /// Takes the next line that was skipped because it contains a character outside base64, so that
    /// the reader reports it and the payloads on the lines after it are still read.
    /// </summary>
    public bool TryTakeSkippedLine(out (long Line, string Reason) skipped) => _skippedLines.TryDequeue(out skipped);

    /// <summary>
    /// The note added to a failure of the gzip data decoded from this text, which the gzip layer
    /// reports without a word about base64 or the line the payload came from.
    /// </summary>
    public string DecodedDataNote => splitsPayloadLines
        ? $"the gzip data was decoded from the base64 payload that starts at line {_payloadLine}, so check that the line is complete; the payloads on the other lines are read"
        : "the gzip data was decoded from base64 text, so check that the text is complete and that each payload ends with its '=' padding";

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_pendingLength > 0)
        {
            var count = Math.Min(buffer.Length, _pendingLength);
            _pending.AsSpan(_pendingStart, count).CopyTo(buffer);
            _pendingStart += count;
            _pendingLength -= count;
            return count;
        }

        if (Failure is not null || _payloadEnded)
        {
            return 0;
        }

        if (buffer.Length >= 3)
        {
            return Decode(buffer);
        }

        _pendingLength = Decode(_pending);
        _pendingStart = 0;
        return _pendingLength == 0 ? 0 : Read(buffer);
    }

    /// <summary>
    /// Decodes into <paramref name="buffer"/>, at least three bytes long, and returns the bytes
    /// written. It returns 0 only at the end of the text or at invalid text (see <see cref="Failure"/>).
    /// </summary>
    private int Decode(Span<byte> buffer)
    {
        var written = 0;
        while (written + 3 <= buffer.Length && Failure is null && !_payloadEnded)
        {
            if (_textPosition == _textLength && !Refill())
            {
                written += EndOfText(buffer[written..]);
                break;
            }

            if (_atLineStart)
            {
                if (EndsPayload(buffer[..written]))
                {
                    written += EndPayload(buffer[written..]);
                    break;
                }

                if (_groupCount == 0 && _paddingCount == 0 && (SkipInvalidLine() || SkipLineNotPayload()))
                {
                    continue;
                }

                _atLineStart = false;
            }

            if (_groupCount == 0 && _paddingCount == 0)
            {
                DecodeRun(buffer, ref written);
                if (written + 3 > buffer.Length || (written > 0 && _textPosition == _textLength))
                {
                    break;
                }

                if (_textPosition == _textLength)
                {
                    continue;
                }
            }

            var character = _text[_textPosition++];
            _column++;
            var value = Values[character];
            _previousWasCarriageReturn &= value == Whitespace;
            if (value != Whitespace)
            {
                NoteText(written);
            }

            if (value >= 0)
            {
                if (_paddingCount > 0)
                {
                    Fail(character, "comes after the padding '=' inside one group of four characters");
                    break;
                }

                _group = (_group << 6) | (byte)value;
                if (++_groupCount == 4)
                {
                    buffer[written++] = (byte)(_group >> 16);
                    buffer[written++] = (byte)(_group >> 8);
                    buffer[written++] = (byte)_group;
                    _group = 0;
                    _groupCount = 0;
                }
            }
            else if (value == Padding)
            {
                written += Pad(buffer[written..]);
            }
            else if (value == Whitespace)
            {
                NoteWhitespace(character);
            }
            else
            {
                Fail(character, "is not a base64 character");
                break;
            }

            if (written > 0 && _textPosition == _textLength)
            {
                break;
            }
        }

        _payloadDecoded += written;
        KeepDecoded(buffer[..written]);
        return written;
    }

    /// <summary>
    /// Decodes in one call the whole groups of base64 characters that start at the current position,
    /// up to the first other character. The loop in <see cref="Decode"/> takes whitespace, padding and errors.
    /// </summary>
    private void DecodeRun(Span<byte> buffer, ref int written)
    {
        var text = _text.AsSpan(_textPosition, _textLength - _textPosition);
        var run = text.IndexOfAnyExcept(Alphabet);
        var groups = Math.Min(run < 0 ? text.Length : run, (buffer.Length - written) / 3 * 4) / 4;
        if (groups == 0)
        {
            return;
        }

        NoteText(written);
        Base64.DecodeFromUtf8(text[..(groups * 4)], buffer[written..], out var consumed, out var decoded, isFinalBlock: false);
        _textPosition += consumed;
        _column += consumed;
        written += decoded;
        _previousWasCarriageReturn = false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private static sbyte[] BuildValues()
    {
        var values = new sbyte[256];
        Array.Fill(values, (sbyte)InvalidCharacter);
        for (var i = 0; i < AlphabetText.Length; i++)
        {
            values[AlphabetText[i]] = (sbyte)i;
        }

        values[' '] = values['\t'] = values['\r'] = values['\n'] = Whitespace;
        values['='] = Padding;
        return values;
    }

    /// <summary>Takes one '=', and writes the group's bytes once its padding completes the four characters.</summary>
    private int Pad(Span<byte> buffer)
    {
        _paddingCount++;
        if (_groupCount + _paddingCount < 4)
        {
            if (_groupCount < 2)
            {
                Fail((byte)'=', $"comes after only {_groupCount} of a group's four characters");
            }

            return 0;
        }

        var bytes = _groupCount - 1;
        var group = _group << (6 * _paddingCount);
        buffer[0] = (byte)(group >> 16);
        if (bytes == 2)
        {
            buffer[1] = (byte)(group >> 8);
        }

        _group = 0;
        _groupCount = 0;
        _paddingCount = 0;
        _endedWithPadding = true;
        return bytes;
    }

    private void NoteWhitespace(byte character)
    {
        // CR LF is one line break, and a CR or an LF alone is one too.
        var crlf = _previousWasCarriageReturn && character == '\n';
        _previousWasCarriageReturn = character == '\r';
        if (crlf)
        {
            _column = 0;
            _atLineStart = true;
            return;
        }

        if (character is (byte)'\n' or (byte)'\r')
        {
            if (_lineEndedInsideGroup == 0 && (_groupCount > 0 || _paddingCount > 0))
            {
                _lineEndedInsideGroup = _line;
            }

            NotePayloadLineEnd(_column - 1);
            _line++;
            _column = 0;
            _atLineStart = true;
        }
    }

    /// <summary>
    /// Skips the line at the current position when it contains a character outside base64, and
    /// returns <c>true</c>. Only a line that starts a group of four is checked: one payload per
    /// line, as Kinesis output stores them, so the payloads before and after it decode intact. A
    /// line longer than <see cref="MaxCheckedLine"/> is decoded as it comes, and a bad character
    /// in it ends the text.
    /// </summary>
    /// <remarks>
    /// A line cut short that holds only base64 characters passes this check. Its gzip member is then
    /// cut, which the layers above report for that payload alone, because the next line that starts a
    /// payload ends this one (<see cref="EndsPayload"/>).
    /// </remarks>
    private bool SkipInvalidLine()
    {
        var end = LineEnd();
        if (end < 0)
        {
            return false;
        }

        var line = _text.AsSpan(_textPosition, end - _textPosition);
        var bad = line.IndexOfAnyExcept(LineText);
        if (bad < 0 || !TextFollows(end - _textPosition))
        {
            // A bad character on the last line is decoded up to, as before this check: what comes
            // before it may still be read from a payload that is the whole file.
            return false;
        }

        _skippedLines.Enqueue((_line, $"invalid base64 text at line {_line}, column {_column + bad + 1}: {Describe(line[bad])} is not a base64 character; the line is left out (counted as an error), and the payloads on the lines after it are read"));
        _textPosition = end;
        _column += line.Length;
        return true;
    }

    /// <summary>Whether text other than whitespace follows <paramref name="offset"/> bytes past the current position, reading more text as needed.</summary>
    private bool TextFollows(int offset)
    {
        while (true)
        {
            var start = _textPosition + offset;
            var next = _text.AsSpan(start, _textLength - start).IndexOfAnyExcept(" \t\r\n"u8);
            if (next >= 0)
            {
                return true;
            }

            // Past that much whitespace the line is taken as the last, so the buffer stays bounded.
            offset = _textLength - _textPosition;
            if (_innerEnded || offset >= 2 * MaxCheckedLine || !ReadMore())
            {
                return false;
            }
        }
    }

    /// <summary>
    /// Returns where the line at the current position ends in <see cref="_text"/>, at its line
    /// break or at the end of the text, reading more text as needed; -1 when the line is too long to check.
    /// </summary>
    private int LineEnd()
    {
        var searched = _textPosition;
        while (true)
        {
            var lineBreak = _text.AsSpan(searched, _textLength - searched).IndexOfAny((byte)'\n', (byte)'\r');
            if (lineBreak >= 0)
            {
                return searched + lineBreak;
            }

            if (_innerEnded)
            {
                return _textLength;
            }

            if (_textLength - _textPosition >= MaxCheckedLine)
            {
                return -1;
            }

            searched = _textLength - _textPosition;
            if (!ReadMore())
            {
                return _textLength;
            }

            searched += _textPosition;
        }
    }

    /// <summary>
    /// Moves the unread text to the start of <see cref="_text"/>, grows it when full, and appends
    /// what the inner stream gives; returns <c>false</c> at its end.
    /// </summary>
    private bool ReadMore()
    {
        _text.AsSpan(_textPosition, _textLength - _textPosition).CopyTo(_text);
        _textLength -= _textPosition;
        _textPosition = 0;
        if (_textLength == _text.Length)
        {
            Array.Resize(ref _text, _text.Length * 2);
        }

        var read = inner.Read(_text.AsSpan(_textLength));
        _innerEnded = read == 0;
        _textLength += read;
        return !_innerEnded;
    }

    private bool Refill()
    {
        if (_innerEnded)
        {
            return false;
        }

        _textLength = inner.Read(_text);
        _textPosition = 0;
        _innerEnded = _textLength == 0;
        return !_innerEnded;
    }

    /// <summary>
    /// Ends the text: a payload line's group cut short is decoded into <paramref name="buffer"/>, and
    /// elsewhere text that ends inside a group fails. Returns the bytes written.
    /// </summary>
    private int EndOfText(Span<byte> buffer)
    {
        if (splitsPayloadLines)
        {
            return DecodeUnpaddedGroup(buffer);
        }

        if (_groupCount > 0 || _paddingCount > 0)
        {
            var hint = _lineEndedInsideGroup > 0
                ? $"; line {_lineEndedInsideGroup} also ends inside a group, so if each line is one payload, their '=' padding is missing"
                : "";
            Failure = $"invalid base64 text: it ends at line {_line} inside a group of four characters, so the payload is truncated{hint}";
        }

        return 0;
    }

    private void Fail(byte character, string problem)
    {
        // The location of a payload's error names the line that the payload starts on.
        var payload = splitsPayloadLines && _payloadLine > 0 && _payloadLine != _line ? $", in the payload that starts at line {_payloadLine}" : "";
        Failure = $"invalid base64 text at line {_line}, column {_column}{payload}: {Describe(character)} {problem}";
    }

    private static string Describe(byte character) =>
        character is >= 0x21 and < 0x7F ? $"'{(char)character}'" : $"byte 0x{character:X2}";
}
