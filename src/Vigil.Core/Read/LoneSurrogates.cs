namespace Vigil.Read;

/// <summary>
/// Replaces <c>\u</c> escapes of unpaired UTF-16 surrogates in JSON text with <c>\uFFFD</c>.
/// </summary>
/// <remarks>
/// Elasticsearch's JSON parser (Jackson) accepts a lone surrogate escape such as <c>"\udc00"</c>,
/// and Lucene stores it as U+FFFD when it encodes the string as UTF-8, so the record is still an
/// event there. .NET throws when such a string is read, so the escape is replaced before parsing.
/// </remarks>
internal static class LoneSurrogates
{
    private const int EscapeLength = 6;

    private static readonly byte[] Replacement = "\\uFFFD"u8.ToArray();

    /// <summary>
    /// Returns <paramref name="json"/> with lone surrogate escapes replaced, or <c>null</c> when it
    /// has none. The escapes have the same length, so byte offsets do not change.
    /// </summary>
    public static byte[]? Replace(ReadOnlySpan<byte> json)
    {
        byte[]? copy = null;
        var next = json.IndexOf((byte)'\\');
        while (next >= 0 && next + 1 < json.Length)
        {
            var length = EscapeAt(json, next, out var lone);
            if (lone)
            {
                copy ??= json.ToArray();
                Replacement.CopyTo(copy, next);
            }

            var after = next + length;
            var found = after < json.Length ? json[after..].IndexOf((byte)'\\') : -1;
            next = found < 0 ? -1 : after + found;
        }

        return copy;
    }

    /// <summary>Returns the byte index of the first lone surrogate escape in <paramref name="json"/>, or -1 when it has none.</summary>
    public static int FirstIndex(ReadOnlySpan<byte> json)
    {
        var next = json.IndexOf((byte)'\\');
        while (next >= 0 && next + 1 < json.Length)
        {
            var length = EscapeAt(json, next, out var lone);
            if (lone)
            {
                return next;
            }

            var after = next + length;
            var found = after < json.Length ? json[after..].IndexOf((byte)'\\') : -1;
            next = found < 0 ? -1 : after + found;
        }

        return -1;
    }

    /// <summary>Returns the length of the escape at <paramref name="index"/>, and whether it is a lone surrogate.</summary>
    private static int EscapeAt(ReadOnlySpan<byte> json, int index, out bool lone)
    {
        lone = false;
        var unit = CodeUnit(json, index);
        if (unit is < 0xD800 or > 0xDFFF)
        {
            return unit < 0 ? 2 : EscapeLength;
        }

        var low = unit <= 0xDBFF ? CodeUnit(json, index + EscapeLength) : -1;
        if (low is >= 0xDC00 and <= 0xDFFF)
        {
            return 2 * EscapeLength;
        }

        lone = true;
        return EscapeLength;
    }

    /// <summary>Returns the code unit of a <c>\uXXXX</c> escape at <paramref name="index"/>, or -1 for any other escape.</summary>
    private static int CodeUnit(ReadOnlySpan<byte> json, int index)
    {
        if (index + EscapeLength > json.Length || json[index] != '\\' || json[index + 1] != 'u')
        {
            return -1;
        }

        var value = 0;
        foreach (var b in json.Slice(index + 2, 4))
        {
            var digit = HexDigit(b);
            if (digit < 0)
            {
                return -1;
            }

            value = (value << 4) | digit;
        }

        return value;
    }

    private static int HexDigit(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
