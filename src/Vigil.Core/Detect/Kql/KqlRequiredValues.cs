using Vigil.Detect.Kql.Compilation;

namespace Vigil.Detect.Kql;

/// <summary>
/// Finds the exact keyword values a query demands of one field, so that callers can skip documents
/// (or stored rows, or raw record bytes) that cannot match before evaluating the query.
/// </summary>
/// <remarks>
/// The analysis is conservative: it returns a set only when every matching document must contain
/// one of its values, so a filter built on the result never drops a match. Anything it cannot
/// reason about exactly (wildcards, <c>not</c>, ranges, nested queries, field patterns, analyzed
/// or numeric types) leaves the field unconstrained.
/// </remarks>
public static class KqlRequiredValues
{
    /// <summary>
    /// Returns the values one of which every document matching <paramref name="query"/> contains in
    /// <paramref name="field"/>; an empty set when the query can never match; null when the query
    /// does not narrow the field to exact values.
    /// </summary>
    /// <example>
    /// For <c>event.provider:sts.amazonaws.com and event.action:(AssumeRole or GetSessionToken)</c>
    /// and <c>event.action</c>, the result is { AssumeRole, GetSessionToken }.
    /// </example>
    public static IReadOnlySet<string>? For(KqlNode query, string field, FieldMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(mapping);

        if (!HasExactValues(ResolvedField.Resolve(mapping, field), field))
        {
            return null;
        }

        return Visit(query, field);
    }

    // Only types whose term query compares the stored value byte for byte can be narrowed to
    // literal values. Text fields are analyzed, and a constant_keyword value is set per index.
    private static bool HasExactValues(ResolvedField resolved, string field) =>
        resolved.ValuePath == field
        && resolved.Type is FieldType.Keyword or FieldType.Wildcard or FieldType.String;

    private static HashSet<string>? Visit(KqlNode node, string field) => node switch
    {
        KqlIs leaf => FromLeaf(leaf, field),
        KqlAnd and => Intersect(and.Operands, field),
        KqlOr or => Union(or.Operands, field),
        _ => null,
    };

    private static HashSet<string>? FromLeaf(KqlIs leaf, string field)
    {
        if (leaf.Field.IsPattern || leaf.Field.Name != field)
        {
            return null;
        }

        return leaf.Value.Kind is KqlValueKind.Text or KqlValueKind.Quoted
            ? new HashSet<string>(StringComparer.Ordinal) { leaf.Value.Text }
            : null;
    }

    private static HashSet<string>? Intersect(IReadOnlyList<KqlNode> operands, string field)
    {
        HashSet<string>? result = null;
        foreach (var operand in operands)
        {
            var values = Visit(operand, field);
            if (values is null)
            {
                continue;
            }

            if (result is null)
            {
                result = values;
            }
            else
            {
                result.IntersectWith(values);
            }
        }

        return result;
    }

    private static HashSet<string>? Union(IReadOnlyList<KqlNode> operands, string field)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operand in operands)
        {
            var values = Visit(operand, field);
            if (values is null)
            {
                return null;
            }

            result.UnionWith(values);
        }

        return result;
    }
}
