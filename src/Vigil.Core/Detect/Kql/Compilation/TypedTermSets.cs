using System.Globalization;
using Vigil.Detect.Kql.Compilation.Leaves;
using Vigil.Detect.Kql.Documents;
using Vigil.Detect.Kql.Matching;

namespace Vigil.Detect.Kql.Compilation;

/// <summary>
/// Builds the hashed or sorted test of a terms query with many values on an ip, number or date
/// field, so a document value is parsed once rather than once per value. The values must already
/// have passed <see cref="LeafCompiler.Is"/>, which rejects those the field cannot take.
/// </summary>
internal static class TypedTermSets
{
    /// <summary>Returns the test, or null for a field type without one (boolean, for example).</summary>
    public static ValueTest? For(ResolvedField field, IReadOnlyList<string> values, TimeProvider clock) => TypeFamilies.Of(field.Type) switch
    {
        TypeFamily.Ip => Ip(values),
        TypeFamily.Integer => new IntegerTermSet([.. values.Select(ParseDecimal)]),
        TypeFamily.Float => Float(field, values),
        TypeFamily.Date => Date(values, clock),
        _ => null,
    };

    private static IpTermSet Ip(IReadOnlyList<string> values)
    {
        var networksByPrefix = new Dictionary<int, HashSet<UInt128>>();
        foreach (var value in values)
        {
            if (!IpValue.TryParseCidr(value, out var network, out var prefixBits))
            {
                // LeafCompiler.Is has accepted the value, so it is an address when it is no CIDR block.
                prefixBits = IpValue.TryParse(value, out network) ? 128 : throw new ArgumentException($"invalid IP address {value}", nameof(values));
            }

            if (!networksByPrefix.TryGetValue(prefixBits, out var networks))
            {
                networksByPrefix[prefixBits] = networks = [];
            }

            networks.Add(network);
        }

        return new IpTermSet(networksByPrefix);
    }

    private static FloatTermSet Float(ResolvedField field, IReadOnlyList<string> values)
    {
        var single = field.Type is FieldType.Float or FieldType.HalfFloat;
        var numbers = values.Select(value => FloatTermSet.Stored(double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture), single));
        return new FloatTermSet([.. numbers], single);
    }

    private static DateTermSet Date(IReadOnlyList<string> values, TimeProvider clock)
    {
        var ranges = new List<(long Start, long End)>();
        var relative = new List<ValueTest>();
        foreach (var value in values)
        {
            if (!DateMath.TryParse(value, roundUp: false, out var lower) || !DateMath.TryParse(value, roundUp: true, out var upper))
            {
                throw new ArgumentException($"invalid date {value}", nameof(values));
            }

            if (lower!.UsesNow || upper!.UsesNow)
            {
                relative.Add(new Leaves.DateRange(lower, true, upper, true, clock));
            }
            else
            {
                ranges.Add((lower.Resolve(clock), upper.Resolve(clock)));
            }
        }

        var merged = Merge(ranges);
        return new DateTermSet([.. merged.Select(range => range.Start)], [.. merged.Select(range => range.End)], relative);
    }

    /// <summary>Sorts inclusive ranges by start and merges those that overlap, so at most one contains an instant.</summary>
    private static List<(long Start, long End)> Merge(List<(long Start, long End)> ranges)
    {
        var merged = new List<(long Start, long End)>();
        foreach (var range in ranges.Where(range => range.Start <= range.End).OrderBy(range => range.Start))
        {
            if (merged.Count > 0 && range.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, range.End));
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    private static decimal ParseDecimal(string value) => decimal.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
}
