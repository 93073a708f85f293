using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Vigil.Read;

/// <summary>
/// The pieces of JSON's grammar that the record tokenizer and the wrapper reader share: numbers,
/// strings with at most the short escapes, and whitespace. Each returns an offset, or -1 or 0 when
/// the caller should decline and leave the text to <see cref="System.Text.Json.Utf8JsonReader"/>.
/// </summary>
internal static class JsonLexing
{
    private static readonly SearchValues<byte> StringStops = SearchValues.Create(StringStopBytes());

    /// <summary>
    /// Returns the length of the JSON number at the start of <paramref name="json"/>, or 0 when it
    /// does not start with one. What follows the number is checked by the caller's grammar.
    /// </summary>
    public static int NumberLength(ReadOnlySpan<byte> json)
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
    public static int StringEnd(ReadOnlySpan<byte> json, int start, out bool escaped)
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
    public static int NextStringStop(ReadOnlySpan<byte> json, int i)
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

    public static bool IsShortEscape(byte value) => value is (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t';

    /// <summary>
    /// Writes the text of a string body that <see cref="StringEnd"/> accepted, with its short escapes
    /// decoded, to <paramref name="destination"/>, which must be at least as long, and returns its length.
    /// </summary>
    public static int UnescapeShort(ReadOnlySpan<byte> raw, Span<byte> destination)
    {
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

            destination[length++] = value;
        }

        return length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SkipWhitespace(ReadOnlySpan<byte> json, int i)
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
