using System.Text.Json.Nodes;
using Vigil.Detect.Kql.Documents;
using Vigil.Detect.Kql.Matching;

namespace Vigil.Detect.Kql.Compilation.Leaves;

/// <summary>A range over integer-typed values; a document's fraction is truncated, as coercion does.</summary>
internal sealed class IntegerRange(Bound<decimal> lower, Bound<decimal> upper) : ValueTest
{
    public override bool Test(JsonNode value) =>
        ScalarValue.TryDecimal(value, out var number) && Allows(decimal.Truncate(number));

    private bool Allows(decimal number) =>
        lower.AllowsAsLower(number.CompareTo(lower.Value)) && upper.AllowsAsUpper(number.CompareTo(upper.Value));
}

/// <summary>A range over floating-point values, at the field's precision.</summary>
internal sealed class FloatRange(Bound<double> lower, Bound<double> upper, bool singlePrecision) : ValueTest
{
    public override bool Test(JsonNode value)
    {
        if (!ScalarValue.TryNumber(value, out var number))
        {
            return false;
        }

        var stored = singlePrecision ? (float)number : number;
        return lower.AllowsAsLower(stored.CompareTo(lower.Value)) && upper.AllowsAsUpper(stored.CompareTo(upper.Value));
    }
}

/// <summary>A range over date values in epoch milliseconds; date-math bounds are resolved per test.</summary>
internal sealed class DateRange(DateMath? lower, bool lowerInclusive, DateMath? upper, bool upperInclusive, TimeProvider clock)
    : ValueTest
{
    public override bool Test(JsonNode value)
    {
        if (!TryDate(value, out var millis))
        {
            return false;
        }

        var lowerBound = lower is null ? Bound<long>.Unbounded : Bound<long>.At(lower.Resolve(clock), lowerInclusive);
        var upperBound = upper is null ? Bound<long>.Unbounded : Bound<long>.At(upper.Resolve(clock), upperInclusive);
        return lowerBound.AllowsAsLower(millis.CompareTo(lowerBound.Value))
            && upperBound.AllowsAsUpper(millis.CompareTo(upperBound.Value));
    }

    /// <summary>Reads a date value: an ISO date string, or epoch milliseconds as a number or string.</summary>
    public static bool TryDate(JsonNode value, out long millis)
    {
        millis = 0;
        var text = value is JsonValue scalar && scalar.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? scalar.ToJsonString()
            : ScalarValue.String(value);
        return text is not null && EsDate.TryParse(text, roundUp: false, out millis);
    }
}

/// <summary>Exists on a date field: a parseable date.</summary>
internal sealed class DateExists : ValueTest
{
    public override bool Test(JsonNode value) => DateRange.TryDate(value, out _);
}

/// <summary>IP equality (a /32 or /128 network) or CIDR containment.</summary>
internal sealed class IpNetwork(UInt128 network, int prefixBits) : ValueTest
{
    public override bool Test(JsonNode value) =>
        ScalarValue.String(value) is { } text && IpValue.TryParse(text, out var address)
        && IpValue.InNetwork(address, network, prefixBits);
}

/// <summary>A range over IP addresses in address order.</summary>
internal sealed class IpRange(Bound<UInt128> lower, Bound<UInt128> upper) : ValueTest
{
    public override bool Test(JsonNode value) =>
        ScalarValue.String(value) is { } text && IpValue.TryParse(text, out var address)
        && lower.AllowsAsLower(address.CompareTo(lower.Value)) && upper.AllowsAsUpper(address.CompareTo(upper.Value));
}

/// <summary>Exists on an ip field: a parseable address.</summary>
internal sealed class IpExists : ValueTest
{
    public override bool Test(JsonNode value) => ScalarValue.String(value) is { } text && IpValue.TryParse(text, out _);
}

/// <summary>Exists on a numeric field: a number or numeric string.</summary>
internal sealed class NumberExists : ValueTest
{
    public override bool Test(JsonNode value) => ScalarValue.TryNumber(value, out _);
}

/// <summary>A range over booleans, false before true; equality is the range [v, v].</summary>
internal sealed class BooleanRange(Bound<bool> lower, Bound<bool> upper) : ValueTest
{
    public override bool Test(JsonNode value) =>
        ScalarValue.Boolean(value) is { } flag
        && lower.AllowsAsLower(flag.CompareTo(lower.Value)) && upper.AllowsAsUpper(flag.CompareTo(upper.Value));
}

/// <summary>Exists on a boolean field.</summary>
internal sealed class BooleanExists : ValueTest
{
    public override bool Test(JsonNode value) => ScalarValue.Boolean(value) is not null;
}
