using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Vigil.Detect.Rules;

/// <summary>
/// JavaScript's conversions of JSON values (ECMAScript's ToBoolean, Number::toString and
/// StringToNumber), for the parts of a rule Kibana's detection engine reads in JavaScript.
/// </summary>
internal static partial class JavaScriptValues
{
    /// <summary>The largest integer JavaScript's <c>Number.isSafeInteger</c> accepts, 2^53 - 1.</summary>
    public const double MaxSafeInteger = 9007199254740991;

    /// <summary>
    /// Returns whether JavaScript treats the value as true: false, 0, NaN, the empty string and a
    /// missing value or null are false, and every object and array is true.
    /// </summary>
    public static bool IsTruthy(JsonNode? node) => node switch
    {
        null => false,
        JsonObject or JsonArray => true,
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.String => value.GetValue<string>().Length > 0,
            JsonValueKind.Number => NumberOf(value) is var number && number != 0 && !double.IsNaN(number),
            _ => false,
        },
        _ => false,
    };

    /// <summary>
    /// Returns the double a JSON number reads as in JavaScript. The text is parsed, because a value
    /// built in memory may hold any .NET numeric type.
    /// </summary>
    public static double NumberOf(JsonValue value) =>
        double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Returns whether JavaScript's <c>Number.isSafeInteger</c> accepts <paramref name="number"/>.</summary>
    public static bool IsSafeInteger(double number) =>
        double.IsFinite(number) && Math.Floor(number) == number && Math.Abs(number) <= MaxSafeInteger;

    /// <summary>
    /// Returns the text JavaScript's <c>String(number)</c> gives: the shortest digits that read back
    /// as the same double, in plain notation from 1e-6 up to 1e21 and in exponent notation outside.
    /// </summary>
    public static string NumberText(double number)
    {
        if (double.IsNaN(number))
        {
            return "NaN";
        }

        if (number == 0)
        {
            return "0";
        }

        if (number < 0)
        {
            return "-" + NumberText(-number);
        }

        if (double.IsPositiveInfinity(number))
        {
            return "Infinity";
        }

        var (digits, exponent) = ShortestDigits(number);
        var k = digits.Length;
        var n = exponent;
        if (k <= n && n <= 21)
        {
            return digits + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return digits[..n] + "." + digits[n..];
        }

        if (-6 < n && n <= 0)
        {
            return "0." + new string('0', -n) + digits;
        }

        var sign = n - 1 < 0 ? "-" : "+";
        var mantissa = k == 1 ? digits : digits[..1] + "." + digits[1..];
        return mantissa + "e" + sign + Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Converts text to a number as JavaScript's <c>Number(text)</c> does: surrounding white space
    /// is ignored, empty text is 0, <c>0x</c>, <c>0o</c> and <c>0b</c> prefixes read an unsigned
    /// integer, and anything else that is not a decimal literal or <c>Infinity</c> is NaN.
    /// </summary>
    public static double ParseNumber(string text)
    {
        var trimmed = TrimWhiteSpace(text);
        if (trimmed.Length == 0)
        {
            return 0;
        }

        if (trimmed.Length > 2 && trimmed[0] == '0' && RadixOf(trimmed[1]) is { } radix)
        {
            return ParseUnsigned(trimmed[2..], radix);
        }

        var unsigned = trimmed.TrimStart('+', '-');
        if (unsigned == "Infinity" && trimmed.Length - unsigned.Length <= 1)
        {
            return trimmed[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
        }

        return DecimalLiteral().IsMatch(trimmed)
            ? double.Parse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture)
            : double.NaN;
    }

    /// <summary>Returns the significant digits of a positive finite number and n, such that the number is 0.digits × 10^n.</summary>
    private static (string Digits, int Exponent) ShortestDigits(double number)
    {
        // "R" gives the shortest text that reads back as the same double, as ECMAScript requires.
        var text = number.ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = text.IndexOfAny(['E', 'e']);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(text[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = point < 0 ? mantissa.Length : point;
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var n = integerDigits + exponent;

        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        return (digits, n - leadingZeros);
    }

    private static int? RadixOf(char prefix) => prefix switch
    {
        'x' or 'X' => 16,
        'o' or 'O' => 8,
        'b' or 'B' => 2,
        _ => null,
    };

    private static double ParseUnsigned(string digits, int radix)
    {
        double value = 0;
        foreach (var digit in digits)
        {
            var weight = char.IsAsciiDigit(digit) ? digit - '0'
                : char.IsAsciiLetter(digit) ? char.ToLowerInvariant(digit) - 'a' + 10
                : int.MaxValue;
            if (weight >= radix)
            {
                return double.NaN;
            }

            value = (value * radix) + weight;
        }

        return value;
    }

    /// <summary>Trims ECMAScript's white space and line terminators: tab, vertical tab, form feed, the byte order mark and every space separator.</summary>
    private static string TrimWhiteSpace(string text)
    {
        static bool IsWhiteSpace(char c) =>
            c is '\t' or '\v' or '\f' or '\n' or '\r' or '\u2028' or '\u2029' or '\uFEFF'
            || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator;

        var start = 0;
        var end = text.Length;
        while (start < end && IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    [GeneratedRegex(@"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalLiteral();
}
