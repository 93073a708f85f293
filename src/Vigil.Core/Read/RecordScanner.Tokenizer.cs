using System.Runtime.CompilerServices;

namespace Vigil.Read;

internal sealed partial class RecordScanner
{
    // CloudTrail records are a few levels deep. Deeper ones go to Utf8JsonReader, whose limit is 256.
    private const int TokenizerMaxDepth = 64;

    /// <summary>
    /// Scans a record the common way: compact or spaced JSON with plain strings and at most the short
    /// escapes. Returns <c>false</c> for anything it is unsure of, and the caller then scans with
    /// <see cref="System.Text.Json.Utf8JsonReader"/>, which decides and, for the parser, explains.
    /// </summary>
    /// <remarks>
    /// Declining is safe and accepting is not, so every rule here is stricter than the reader's. It
    /// accepts only what the JSON grammar allows and declines <c>\u</c> escapes (lone surrogates need
    /// the reader's path), a byte order mark, nesting over <see cref="TokenizerMaxDepth"/> and more
    /// than <see cref="RecordLimits.MaxRecordValues"/> values. It calls the same steps as the reader's
    /// scan in the same order, so the facts and the content hash are equal either way. It keeps no
    /// resumable state and reports no errors: a hunt's scan took 1.33 µs per generated record with
    /// it and 1.74 µs with the reader alone (<c>--scan-probe</c>). It checks UTF-8 itself, where
    /// non-ASCII bytes can be: inside strings, where the search for a string's end stops at them.
    /// Outside strings the grammar declines any byte that is not ASCII.
    /// </remarks>
    private bool TryTokenize(ReadOnlySpan<byte> json)
    {
        var i = JsonLexing.SkipWhitespace(json, 0);
        if (i >= json.Length || json[i] != '{')
        {
            return false;
        }

        Push(isObject: true);
        i++;
        var values = 1;
        var afterValue = false;
        while (true)
        {
            // Here the container on top has just opened, or a value in it has just ended.
            i = JsonLexing.SkipWhitespace(json, i);
            if (i >= json.Length)
            {
                return false;
            }

            var isObject = _frames[_depth - 1].IsObject;
            if (json[i] == (isObject ? (byte)'}' : (byte)']'))
            {
                EndContainer(isObject);
                if (_depth == 0)
                {
                    return JsonLexing.SkipWhitespace(json, i + 1) == json.Length;
                }

                i++;
                afterValue = true;
                continue;
            }

            if (afterValue)
            {
                if (json[i] != ',')
                {
                    return false;
                }

                i = JsonLexing.SkipWhitespace(json, i + 1);
            }

            i = isObject ? KeyAndColon(json, i) : i;
            if (i < 0 || i >= json.Length || ++values > RecordLimits.MaxRecordValues)
            {
                return false;
            }

            i = Value(json, i, out var opened);
            if (i < 0)
            {
                return false;
            }

            afterValue = !opened;
        }
    }

    private void EndContainer(bool isObject)
    {
        if (isObject)
        {
            EndObject();
        }
        else
        {
            EndArray();
        }
    }

    /// <summary>Reads <c>"key":</c> at <paramref name="i"/> and returns the offset of the value, or -1 to decline.</summary>
    private int KeyAndColon(ReadOnlySpan<byte> json, int i)
    {
        if (i >= json.Length || json[i] != '"')
        {
            return -1;
        }

        var end = JsonLexing.StringEnd(json, i + 1, out var escaped);
        if (end < 0 || !Key(Text(json, i + 1, end, escaped)))
        {
            return -1;
        }

        i = JsonLexing.SkipWhitespace(json, end + 1);
        return i < json.Length && json[i] == ':' ? JsonLexing.SkipWhitespace(json, i + 1) : -1;
    }

    /// <summary>
    /// Reads the value at <paramref name="i"/> and returns the offset after it, or after its opening
    /// bracket when it is an object or an array (<paramref name="opened"/>), or -1 to decline.
    /// </summary>
    private int Value(ReadOnlySpan<byte> json, int i, out bool opened)
    {
        opened = false;
        switch (json[i])
        {
            case (byte)'"':
                var end = JsonLexing.StringEnd(json, i + 1, out var escaped);
                if (end < 0)
                {
                    return -1;
                }

                CompleteString(Text(json, i + 1, end, escaped));
                return end + 1;

            case (byte)'{' or (byte)'[':
                if (_depth >= TokenizerMaxDepth)
                {
                    return -1;
                }

                NoteTopLevel(TopLevelValue.Other);
                Push(json[i] == '{');
                opened = true;
                return i + 1;

            case (byte)'n':
                return Literal(json, i, "null"u8, CanonicalJsonHash.NullKind);

            case (byte)'t':
                return Literal(json, i, "true"u8, CanonicalJsonHash.OtherKind);

            case (byte)'f':
                return Literal(json, i, "false"u8, CanonicalJsonHash.OtherKind);

            default:
                var length = JsonLexing.NumberLength(json[i..]);
                if (length == 0)
                {
                    return -1;
                }

                NoteTopLevel(TopLevelValue.Other);
                CompleteScalar(CanonicalJsonHash.OtherKind, json.Slice(i, length));
                return i + length;
        }
    }

    private int Literal(ReadOnlySpan<byte> json, int i, ReadOnlySpan<byte> literal, byte kind)
    {
        if (!json[i..].StartsWith(literal))
        {
            return -1;
        }

        // The reader hashes null with no text, and true and false by their text.
        NoteTopLevel(TopLevelValue.Other);
        CompleteScalar(kind, kind == CanonicalJsonHash.NullKind ? [] : literal);
        return i + literal.Length;
    }

    /// <summary>Returns a string's text from <paramref name="start"/> to <paramref name="end"/>, unescaped when it has escapes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Text(ReadOnlySpan<byte> json, int start, int end, bool escaped) =>
        escaped ? Unescape(json[start..end]) : json[start..end];

    private ReadOnlySpan<byte> Unescape(ReadOnlySpan<byte> raw)
    {
        if (_unescaped.Length < raw.Length)
        {
            _unescaped = new byte[Math.Max(raw.Length, _unescaped.Length * 2)];
        }

        return _unescaped.AsSpan(0, JsonLexing.UnescapeShort(raw, _unescaped));
    }
}
