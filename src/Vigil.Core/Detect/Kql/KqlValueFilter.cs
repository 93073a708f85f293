using Vigil.Detect.Kql.Compilation;
using Vigil.Detect.Kql.Matching;

namespace Vigil.Detect.Kql;

/// <summary>
/// A test of the values a query allows in one keyword field: exact values and wildcard patterns,
/// joined by <c>and</c> and <c>or</c>. Where <see cref="KqlRequiredValues"/> gives up on a
/// wildcard such as <c>event.action: CreateEventSourceMapping*</c>, this still rules values out.
/// </summary>
/// <remarks>
/// The test is conservative like <see cref="KqlRequiredValues"/>: it rejects a value only when no
/// document holding it in the field can match. It ignores <c>ignore_above</c>, which only makes it
/// accept more. Keyword fields and the key paths of flattened fields are read, with the compiled
/// query's semantics: a wildcard on a flattened key path is a query_string, whose whitespace
/// separates terms that each may match. Anything else (<c>not</c>, ranges, exists, field patterns,
/// other field types) leaves the field unconstrained.
/// </remarks>
public sealed class KqlValueFilter
{
    private readonly Func<string, bool> _test;

    private KqlValueFilter(Func<string, bool> test)
    {
        _test = test;
    }

    /// <summary>Returns false when no document matching the query has <paramref name="value"/> in the field.</summary>
    public bool MayHold(string value) => _test(value);

    /// <summary>
    /// Returns the filter of <paramref name="field"/> in <paramref name="query"/>, or null when the
    /// query does not narrow the field's values.
    /// </summary>
    public static KqlValueFilter? For(KqlNode query, string field, FieldMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(mapping);

        var resolved = ResolvedField.Resolve(mapping, field);
        var keyPath = resolved.Type is FieldType.Flattened && !resolved.IsFlattenedRoot;
        if (resolved.ValuePath != field || !(resolved.Type is FieldType.Keyword || keyPath))
        {
            return null;
        }

        return Visit(query, field, keyPath) is { } test ? new KqlValueFilter(test) : null;
    }

    private static Func<string, bool>? Visit(KqlNode node, string field, bool queryString) => node switch
    {
        KqlIs leaf => FromLeaf(leaf, field, queryString),
        KqlAnd and => All([.. and.Operands.Select(operand => Visit(operand, field, queryString)).OfType<Func<string, bool>>()]),
        KqlOr or => Any(or.Operands.Select(operand => Visit(operand, field, queryString)).ToArray()),
        _ => null,
    };

    private static Func<string, bool>? FromLeaf(KqlIs leaf, string field, bool queryString)
    {
        if (leaf.Field.IsPattern || leaf.Field.Name != field)
        {
            return null;
        }

        switch (leaf.Value.Kind)
        {
            case KqlValueKind.Text or KqlValueKind.Quoted:
                var expected = leaf.Value.Text;
                return value => string.Equals(value, expected, StringComparison.Ordinal);

            // A lone * only demands that the field exists.
            case KqlValueKind.Wildcard when !leaf.Value.IsLoneWildcard && !queryString:
                var matcher = new WildcardMatcher(leaf.Value.Pattern!.Segments);
                return value => matcher.IsMatch(value);

            case KqlValueKind.Wildcard when !leaf.Value.IsLoneWildcard:
                var terms = QueryStringTerms.Split(leaf.Value.Pattern!).Select(term => new WildcardMatcher(term)).ToArray();
                return value => terms.Any(term => term.IsMatch(value));

            default:
                return null;
        }
    }

    private static Func<string, bool>? All(Func<string, bool>[] tests) => tests.Length switch
    {
        0 => null,
        1 => tests[0],
        _ => value => tests.All(test => test(value)),
    };

    // One unconstrained operand of an or leaves the whole or unconstrained.
    private static Func<string, bool>? Any(Func<string, bool>?[] tests) =>
        tests.Any(test => test is null) ? null : value => tests.Any(test => test!(value));
}
