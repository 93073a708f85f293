using System.Buffers;
using System.Buffers.Text;

namespace Vigil.Read;

/// <summary>
/// The base64 text after a line that may start a payload, read ahead without consuming it and
/// decoded as the payload lines are, for the trials of <see cref="StartsPayloadAfterCut"/>.
/// </summary>
internal sealed partial class Base64TextStream
{
    /// <summary>
    /// Returns the end of the text, in bytes past the current position, that the payload would
    /// have by the width rule if it went on through the current line: after a line that ends with
    /// '=' padding or has another length, or before a blank line, a line with a character outside
    /// base64, or a line that starts like a gzip header and has another length. Returns -1 when that
    /// text is longer than <see cref="MaxCheckedLine"/>. <paramref name="nextHeaderLine"/> is
    /// where the first line after the current one that starts like a gzip header starts, or the end.
    /// </summary>
    private int PayloadTextEnd(out int nextHeaderLine)
    {
        nextHeaderLine = -1;
        var lineStart = 0;
        while (true)
        {
            var lineEnd = LineEndAt(lineStart);
            if (lineEnd < 0)
            {
                return -1;
            }

            var line = _text.AsSpan(_textPosition + lineStart, lineEnd - lineStart);
            var text = line.Trim(" \t"u8);
            var startsLikeHeader = lineStart > 0 && StartsLikeGzipHeader(text);
            if (startsLikeHeader && nextHeaderLine < 0)
            {
                nextHeaderLine = lineStart;
            }

            if (lineStart > 0 && (text.IsEmpty || line.IndexOfAnyExcept(LineText) >= 0 || (startsLikeHeader && line.Length != _payloadWidth)))
            {
                return End(lineStart, ref nextHeaderLine);
            }

            if (text.EndsWith("="u8) || line.Length != _payloadWidth || (_innerEnded && lineEnd == _textLength - _textPosition))
            {
                return End(lineEnd, ref nextHeaderLine);
            }

            lineStart = AfterLineBreak(lineEnd);
        }

        static int End(int end, ref int nextHeaderLine)
        {
            nextHeaderLine = nextHeaderLine < 0 ? end : nextHeaderLine;
            return end;
        }
    }

    /// <summary>
    /// Returns where the line that starts <paramref name="lineStart"/> bytes past the current
    /// position ends, in bytes past the current position, reading more text as needed; -1 when the
    /// text from the current position is longer than <see cref="MaxCheckedLine"/>.
    /// </summary>
    private int LineEndAt(int lineStart)
    {
        var searched = lineStart;
        while (true)
        {
            var lineBreak = _text.AsSpan(_textPosition + searched, _textLength - _textPosition - searched).IndexOfAny((byte)'\n', (byte)'\r');
            if (lineBreak >= 0)
            {
                return searched + lineBreak;
            }

            searched = _textLength - _textPosition;
            if (searched > MaxCheckedLine)
            {
                return -1;
            }

            if (_innerEnded || !ReadMore())
            {
                return _textLength - _textPosition;
            }
        }
    }

    /// <summary>Returns the start of the line after the line break at <paramref name="lineEnd"/>, both in bytes past the current position.</summary>
    private int AfterLineBreak(int lineEnd)
    {
        if (_text[_textPosition + lineEnd] == '\r' && _textPosition + lineEnd + 1 == _textLength && !_innerEnded)
        {
            ReadMore();
        }

        var crlf = _text[_textPosition + lineEnd] == '\r' && _textPosition + lineEnd + 1 < _textLength && _text[_textPosition + lineEnd + 1] == '\n';
        return lineEnd + (crlf ? 2 : 1);
    }

    /// <summary>Returns the base64 characters and padding of <paramref name="text"/> without whitespace, or <c>null</c> when it contains another character.</summary>
    private static byte[]? Base64Characters(ReadOnlySpan<byte> text)
    {
        var characters = new byte[text.Length];
        var count = 0;
        foreach (var character in text)
        {
            var value = Values[character];
            if (value == InvalidCharacter)
            {
                return null;
            }

            if (value != Whitespace)
            {
                characters[count++] = character;
            }
        }

        return characters[..count];
    }

    /// <summary>Returns the characters of the group of four being read, which the payload's next line completes.</summary>
    private byte[] GroupCharacters()
    {
        var characters = new byte[_groupCount];
        for (var i = 0; i < _groupCount; i++)
        {
            characters[i] = (byte)AlphabetText[(_group >> (6 * (_groupCount - 1 - i))) & 0x3F];
        }

        return characters;
    }

    /// <summary>
    /// Decodes base64 characters as the payload lines do: a group cut short is decoded as if padded,
    /// and a lone character of a group gives no byte. Returns <c>null</c> for '=' inside the text.
    /// </summary>
    /// <remarks>
    /// The group cut short is decoded here, because <see cref="Base64.DecodeFromUtf8(ReadOnlySpan{byte}, Span{byte}, out int, out int, bool)"/>
    /// (checked on .NET 10) rejects a padded group whose unused bits are not zero, as they are not
    /// where text was cut.
    /// </remarks>
    private static byte[]? DecodeTrialText(ReadOnlySpan<byte> characters)
    {
        var text = characters.TrimEnd((byte)'=');
        var whole = text.Length / 4 * 4;
        var bytes = new byte[whole / 4 * 3 + 2];
        if (Base64.DecodeFromUtf8(text[..whole], bytes, out _, out var written, isFinalBlock: false) != OperationStatus.Done)
        {
            return null;
        }

        var rest = text[whole..];
        var group = 0;
        foreach (var character in rest)
        {
            var value = Values[character];
            if (value < 0)
            {
                return null;
            }

            group = (group << 6) | (byte)value;
        }

        group <<= 6 * (4 - rest.Length);
        if (rest.Length >= 2)
        {
            bytes[written++] = (byte)(group >> 16);
        }

        if (rest.Length == 3)
        {
            bytes[written++] = (byte)(group >> 8);
        }

        return bytes[..written];
    }
}
