using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Vigil.Detect.Kql;

namespace Vigil.Tests.Detect;

/// <summary>
/// A plain, slow reference evaluator for the queries of <see cref="KqlGenerators.TypedQuery"/>: walks the
/// tree for every document, reads fields by dotted key or by object path, and matches keywords exactly
/// (wildcards through a regular expression) and <c>n</c> numerically.
/// </summary>
internal static class TreeWalkingInterpreter
{
    private static readonly string[] KeywordFields = ["k1", "k2", "o.k3"];

    public static bool Matches(KqlNode node, JsonObject document) => node switch
    {
        KqlAnd and => and.Operands.All(operand => Matches(operand, document)),
        KqlOr or => or.Operands.Any(operand => Matches(operand, document)),
        KqlNot not => !Matches(not.Operand, document),
        KqlIs isNode => FieldsOf(isNode.Field).Any(field => ValuesOf(document, field).Any(value => IsMatch(field, value, isNode.Value))),
        KqlExists exists => FieldsOf(exists.Field).Any(field => ValuesOf(document, field).Any()),
        KqlRange range => FieldsOf(range.Field).Any(field => ValuesOf(document, field).Any(value => InRange(field, value, range))),
        KqlMatchAll => true,
        _ => throw new ArgumentException($"Unsupported node {node}", nameof(node)),
    };

    private static IEnumerable<string> FieldsOf(KqlField field) =>
        field.Pattern is { } pattern ? KeywordFields.Where(name => Glob(pattern).IsMatch(name)) : [field.Name!];

    /// <summary>Returns the non-null values of <paramref name="field"/>, from a dotted key or an object path, arrays flattened.</summary>
    private static IEnumerable<JsonValue> ValuesOf(JsonObject document, string field)
    {
        var dot = field.IndexOf('.', StringComparison.Ordinal);
        var node = document[field] ?? (dot > 0 && document[field[..dot]] is JsonObject parent ? parent[field[(dot + 1)..]] : null);
        var values = node is JsonArray array ? array.ToList() : [node];
        return values.OfType<JsonValue>();
    }

    private static bool IsMatch(string field, JsonValue value, KqlValue query)
    {
        if (field == "n")
        {
            return Number(value) == long.Parse(query.Text, CultureInfo.InvariantCulture);
        }

        var text = value.GetValue<string>();
        return query.Pattern is { } pattern ? Glob(pattern).IsMatch(text) : text == query.Text;
    }

    private static bool InRange(string field, JsonValue value, KqlRange range)
    {
        var comparison = field == "n"
            ? Number(value).CompareTo(long.Parse(range.Value.Text, CultureInfo.InvariantCulture))
            : string.CompareOrdinal(value.GetValue<string>(), range.Value.Text);
        return range.Operator switch
        {
            KqlRangeOperator.GreaterThan => comparison > 0,
            KqlRangeOperator.GreaterThanOrEqual => comparison >= 0,
            KqlRangeOperator.LessThan => comparison < 0,
            _ => comparison <= 0,
        };
    }

    private static long Number(JsonValue value) =>
        value.GetValueKind() == JsonValueKind.String
            ? long.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture)
            : long.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);

    private static Regex Glob(WildcardText pattern) =>
        new("^" + string.Join(".*", pattern.Segments.Select(Regex.Escape)) + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant);
}
