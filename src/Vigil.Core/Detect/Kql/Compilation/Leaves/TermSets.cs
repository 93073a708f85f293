using System.Text.Json.Nodes;
using Vigil.Detect.Kql.Documents;
using Vigil.Detect.Kql.Matching;

namespace Vigil.Detect.Kql.Compilation.Leaves;

/// <summary>
/// A terms query on an ip field: the address is in one of the networks. Addresses are networks of
/// 128 bits, and the networks are grouped by prefix length, so a test parses the value once and
/// makes one hash lookup per distinct prefix length.
/// </summary>
internal sealed class IpTermSet(IReadOnlyDictionary<int, HashSet<UInt128>> networksByPrefix) : ValueTest
{
    public override bool Test(JsonNode value)
    {
        if (ScalarValue.String(value) is not { } text || !IpValue.TryParse(text, out var address))
        {
            return false;
        }

        foreach (var (prefixBits, networks) in networksByPrefix)
        {
            if (networks.Contains(IpValue.NetworkOf(address, prefixBits)))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A terms query on an integer field: the value, its fraction truncated as coercion does, is one of the numbers.</summary>
internal sealed class IntegerTermSet(HashSet<decimal> numbers) : ValueTest
{
    public override bool Test(JsonNode value) =>
        ScalarValue.TryDecimal(value, out var number) && numbers.Contains(decimal.Truncate(number));
}

/// <summary>A terms query on a floating-point field: the value, at the field's precision, is one of the numbers.</summary>
internal sealed class FloatTermSet(HashSet<double> numbers, bool singlePrecision) : ValueTest
{
    public override bool Test(JsonNode value) =>
        ScalarValue.TryNumber(value, out var number) && numbers.Contains(Stored(number, singlePrecision));

    /// <summary>Returns the number as the field stores it, with -0 as 0 because the range test finds them equal.</summary>
    public static double Stored(double number, bool singlePrecision)
    {
        var stored = singlePrecision ? (float)number : number;
        return stored == 0 ? 0 : stored;
    }
}

/// <summary>
/// A terms query on a date field: the instant is in one of the values' ranges, each from the value
/// rounded down to the value rounded up, so a date without a time covers its whole day. The ranges
/// are sorted and merged, and a test is a binary search. Values relative to <c>now</c> are resolved
/// per test in <paramref name="relative"/>.
/// </summary>
internal sealed class DateTermSet(long[] starts, long[] ends, IReadOnlyList<ValueTest> relative) : ValueTest
{
    public override bool Test(JsonNode value)
    {
        if (!DateRange.TryDate(value, out var millis))
        {
            return false;
        }

        // The last range that starts at or before the instant is the only one that can contain it.
        var index = Array.BinarySearch(starts, millis);
        var candidate = index >= 0 ? index : ~index - 1;
        if (candidate >= 0 && millis <= ends[candidate])
        {
            return true;
        }

        foreach (var test in relative)
        {
            if (test.Test(value))
            {
                return true;
            }
        }

        return false;
    }
}
