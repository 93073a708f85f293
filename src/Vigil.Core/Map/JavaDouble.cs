using System.Globalization;

namespace Vigil.Map;

/// <summary>Java's <c>Double.toString</c> (JDK 19 and later: shortest digits that round-trip).</summary>
internal static class JavaDouble
{
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        var sign = value < 0 ? "-" : "";
        var (digits, exponent) = ShortestDigits(Math.Abs(value));
        var magnitude = Math.Abs(value);
        return sign + (magnitude is >= 1e-3 and < 1e7 ? Plain(digits, exponent) : Scientific(digits, exponent));
    }

    /// <summary>Returns the significant digits and the exponent of the first one (value = d.ddd × 10^exponent).</summary>
    private static (string Digits, int Exponent) ShortestDigits(double magnitude)
    {
        var shortest = magnitude.ToString("R", CultureInfo.InvariantCulture);

        var exponentAt = shortest.IndexOf('E', StringComparison.Ordinal);
        var mantissa = exponentAt < 0 ? shortest : shortest[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(shortest[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = point < 0 ? mantissa.Length : point;
        var allDigits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var leadingZeros = allDigits.Length - allDigits.TrimStart('0').Length;
        var digits = allDigits.Trim('0');
        return (digits.Length == 0 ? "0" : digits, exponent + integerDigits - 1 - leadingZeros);
    }

    private static string Plain(string digits, int exponent)
    {
        if (exponent < 0)
        {
            return "0." + new string('0', -exponent - 1) + digits;
        }

        var integerPart = digits.Length > exponent + 1 ? digits[..(exponent + 1)] : digits.PadRight(exponent + 1, '0');
        var fraction = digits.Length > exponent + 1 ? digits[(exponent + 1)..] : "0";
        return integerPart + "." + fraction;
    }

    private static string Scientific(string digits, int exponent)
    {
        var fraction = digits.Length > 1 ? digits[1..] : "0";
        return digits[0] + "." + fraction + "E" + exponent.ToString(CultureInfo.InvariantCulture);
    }
}
