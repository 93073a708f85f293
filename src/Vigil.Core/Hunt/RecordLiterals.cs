using System.Globalization;
using System.Text;

namespace Vigil.Hunt;

/// <summary>
/// Literals one of which a raw record must contain, as unescaped text, for a rule to match it (see
/// <c>KqlRequiredLiterals</c>). Tests a record's UTF-8 JSON without parsing it.
/// </summary>
/// <remarks>
/// A record may spell a character of a literal as a JSON escape (<c>\u0042</c>, <c>\/</c>), and
/// then the literal is not in its bytes. So a record that contains an escape which decodes to a
/// character of any literal (for <c>\u</c> escapes above U+007F, to any non-ASCII character) may
/// match. The test reads the record once per literal with a vectorised search, plus once for
/// escapes, so it is linear in the record's length for a given rule.
/// </remarks>
internal sealed class RecordLiterals
{
    private const int AsciiCount = 128;

    private readonly byte[][] _literals;
    private readonly bool[] _asciiInLiterals = new bool[AsciiCount];
    private readonly bool _hasNonAscii;

    /// <param name="literals">The literals as text. Each one is non-empty.</param>
    public RecordLiterals(IReadOnlyCollection<string> literals)
    {
        _literals = [.. literals.Select(Encoding.UTF8.GetBytes)];
        foreach (var c in literals.SelectMany(literal => literal))
        {
            if (c < AsciiCount)
            {
                _asciiInLiterals[c] = true;
            }
            else
            {
                _hasNonAscii = true;
            }
        }
    }

    /// <summary>True when <paramref name="json"/> may contain one of the literals after unescaping.</summary>
    public bool MayContain(ReadOnlySpan<byte> json)
    {
        foreach (var literal in _literals)
        {
            if (json.IndexOf(literal) >= 0)
            {
                return true;
            }
        }

        return HasEscapeOfLiteralCharacter(json);
    }

    private bool HasEscapeOfLiteralCharacter(ReadOnlySpan<byte> json)
    {
        var rest = json;
        for (var slash = rest.IndexOf((byte)'\\'); slash >= 0; slash = rest.IndexOf((byte)'\\'))
        {
            rest = rest[(slash + 1)..];
            if (rest.IsEmpty || DecodesToLiteralCharacter(rest, out var length))
            {
                return true;
            }

            rest = rest[length..];
        }

        return false;
    }

    /// <summary>
    /// Reads the escape after a backslash. An escape that is not valid JSON counts as a match, so an
    /// unexpected input only costs a parse.
    /// </summary>
    private bool DecodesToLiteralCharacter(ReadOnlySpan<byte> escape, out int length)
    {
        length = 1;
        int decoded = escape[0] switch
        {
            (byte)'"' or (byte)'\\' or (byte)'/' => escape[0],
            (byte)'b' => '\b',
            (byte)'f' => '\f',
            (byte)'n' => '\n',
            (byte)'r' => '\r',
            (byte)'t' => '\t',
            (byte)'u' => DecodeUnicode(escape, ref length),
            _ => -1,
        };
        return decoded switch
        {
            < 0 => true,
            < AsciiCount => _asciiInLiterals[decoded],
            _ => _hasNonAscii,
        };
    }

    private static int DecodeUnicode(ReadOnlySpan<byte> escape, ref int length)
    {
        const int HexDigits = 4;
        if (escape.Length <= HexDigits
            || !int.TryParse(escape.Slice(1, HexDigits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit))
        {
            return -1;
        }

        length += HexDigits;
        return unit;
    }
}
