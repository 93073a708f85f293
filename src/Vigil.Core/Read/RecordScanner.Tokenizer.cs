using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Vigil.Read;

internal sealed partial class RecordScanner
{
    // CloudTrail records are a few levels deep. Deeper ones go to Utf8JsonReader, whose limit is 256.
    private const int TokenizerMaxDepth = 64;

    private static readonly SearchValues<byte> StringStops = SearchValues.Create(StringStopBytes());

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
        var i = SkipWhitespace(json, 0);
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
            i = SkipWhitespace(json, i);
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
                    return SkipWhitespace(json, i + 1) == json.Length;
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

                i = SkipWhitespace(json, i + 1);
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

        var end = StringEnd(json, i + 1, out var escaped);
        if (end < 0 || !Key(Text(json, i + 1, end, escaped)))
        {
            return -1;
        }

        i = SkipWhitespace(json, end + 1);
        return i < json.Length && json[i] == ':' ? SkipWhitespace(json, i + 1) : -1;
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
                var end = StringEnd(json, i + 1, out var escaped);
                if (end < 0)
                {
                    return -1;
                }

                var text = Text(json, i + 1, end, escaped);
                NoteTopLevelString(text);
                CompleteScalar(CanonicalJsonHash.StringKind, text);
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
                var length = NumberLength(json[i..]);
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

    /// <summary>
    /// Returns the length of the JSON number at the start of <paramref name="json"/>, or 0 when it
    /// does not start with one. What follows the number is checked by the caller's grammar.
    /// </summary>
    private static int NumberLength(ReadOnlySpan<byte> json)
    {
        var i = 0;
        if (i < json.Length && json[i] == '-')
        {
            i++;
        }

        if (i >= json.Length || !IsDigit(json[i]))
        {
            return 0;
        }

        // After a leading zero no digit may follow: in "01" the "1" fails the caller's grammar.
        i = json[i] == '0' ? i + 1 : Digits(json, i);
        if (i < json.Length && json[i] == '.')
        {
            if (i + 1 >= json.Length || !IsDigit(json[i + 1]))
            {
                return 0;
            }

            i = Digits(json, i + 1);
        }

        if (i < json.Length && (json[i] | 0x20) == 'e')
        {
            i++;
            if (i < json.Length && json[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            if (i >= json.Length || !IsDigit(json[i]))
            {
                return 0;
            }

            i = Digits(json, i);
        }

        return i;
    }

    private static int Digits(ReadOnlySpan<byte> json, int i)
    {
        while (i < json.Length && IsDigit(json[i]))
        {
            i++;
        }

        return i;
    }

    private static bool IsDigit(byte value) => (uint)(value - '0') <= 9;

    /// <summary>
    /// Returns the offset of the quote that closes the string whose text starts at
    /// <paramref name="start"/>, or -1 at a control byte, a <c>\u</c> or unknown escape, invalid
    /// UTF-8, or the end.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int StringEnd(ReadOnlySpan<byte> json, int start, out bool escaped)
    {
        escaped = false;
        var i = start;
        while (true)
        {
            i = NextStringStop(json, i);
            if (i < 0 || json[i] == '"')
            {
                return i;
            }

            if (json[i] >= 0x80)
            {
                // A scalar value encoded in the shortest form, never a surrogate: what Utf8.IsValid accepts.
                if (Rune.DecodeFromUtf8(json[i..], out _, out var length) != OperationStatus.Done)
                {
                    return -1;
                }

                i += length;
                continue;
            }

            if (json[i] != '\\' || i + 1 >= json.Length || !IsShortEscape(json[i + 1]))
            {
                return -1;
            }

            escaped = true;
            i += 2;
        }
    }

    /// <summary>Returns the offset of the first quote, backslash, control byte or non-ASCII byte at or after <paramref name="i"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NextStringStop(ReadOnlySpan<byte> json, int i)
    {
        // Most CloudTrail keys and values are under 100 bytes (an estimate from the samples), so comparing
        // 32 bytes at a time here costs less than a call to the general search, which the last few bytes
        // of a record still take: --scan-probe measured the hunt's scan about 8 % faster.
        if (Vector256.IsHardwareAccelerated)
        {
            ref var origin = ref MemoryMarshal.GetReference(json);
            for (; json.Length - i >= Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var block = Vector256.LoadUnsafe(ref origin, (nuint)i);
                // As signed bytes, control bytes and non-ASCII bytes are both below 0x20.
                var stops = Vector256.Equals(block, Vector256.Create((byte)'"'))
                    | Vector256.Equals(block, Vector256.Create((byte)'\\'))
                    | Vector256.LessThan(block.AsSByte(), Vector256.Create((sbyte)0x20)).AsByte();
                var bits = stops.ExtractMostSignificantBits();
                if (bits != 0)
                {
                    return i + BitOperations.TrailingZeroCount(bits);
                }
            }
        }

        var next = json[i..].IndexOfAny(StringStops);
        return next < 0 ? -1 : i + next;
    }

    private static bool IsShortEscape(byte value) => value is (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t';

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

        var length = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var value = raw[i];
            if (value == '\\')
            {
                value = raw[++i] switch
                {
                    (byte)'b' => (byte)'\b',
                    (byte)'f' => (byte)'\f',
                    (byte)'n' => (byte)'\n',
                    (byte)'r' => (byte)'\r',
                    (byte)'t' => (byte)'\t',
                    var other => other,
                };
            }

            _unescaped[length++] = value;
        }

        return _unescaped.AsSpan(0, length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipWhitespace(ReadOnlySpan<byte> json, int i)
    {
        while (i < json.Length && json[i] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            i++;
        }

        return i;
    }

    private static byte[] StringStopBytes() =>
        [.. Enumerable.Range(0, 256).Where(value => value is < 0x20 or '"' or '\\' or >= 0x80).Select(value => (byte)value)];
}
