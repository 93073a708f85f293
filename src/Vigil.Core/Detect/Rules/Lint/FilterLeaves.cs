using Vigil.Detect.Kql;
using Vigil.Detect.Rules.Filters;

namespace Vigil.Detect.Rules.Lint;

/// <summary>
/// Collects the field conditions of a rule's <c>filters</c> as <see cref="QueryLeaf"/>s, so the lint
/// checks of the KQL query also run over them. Kibana ANDs the filters with the query, so a
/// condition in either one narrows the same search.
/// </summary>
internal static class FilterLeaves
{
    /// <summary>Returns the conditions of <paramref name="rule"/>'s enabled filters, or none when the filters cannot be applied.</summary>
    public static IReadOnlyList<QueryLeaf> Collect(DetectionRule rule)
    {
        var filters = RuleFilterReader.Read(rule, out var problem);
        var leaves = new List<QueryLeaf>();
        if (filters is not null && problem is null)
        {
            Walk(filters, negated: false, leaves);
        }

        return leaves;
    }

    private static void Walk(FilterNode node, bool negated, List<QueryLeaf> leaves)
    {
        switch (node)
        {
            case FilterLeaf { Location: { } location } leaf:
                AddKqlLeaf(leaf.Leaf, location, negated, leaves);
                break;
            case FilterRange { Location: { } location } range:
                leaves.Add(new QueryLeaf(range.Field, null, -1, negated) { Filter = location });
                break;
            case FilterTermLevel { Location: { } location } query:
                AddTermLevel(query, location, negated, leaves);
                break;
            case FilterAll all:
                all.Operands.ToList().ForEach(operand => Walk(operand, negated, leaves));
                break;
            case FilterAtLeast least:
                least.Operands.ToList().ForEach(operand => Walk(operand, negated, leaves));
                break;
            case FilterNot not:
                Walk(not.Operand, !negated, leaves);
                break;
        }
    }

    private static void AddKqlLeaf(KqlNode leaf, FilterLocation location, bool negated, List<QueryLeaf> leaves)
    {
        switch (leaf)
        {
            case KqlIs { Field.Name: { } field } match:
                leaves.Add(new QueryLeaf(field, match.Value.IsLoneWildcard ? null : match.Value, -1, negated)
                {
                    Filter = location,
                    IsExists = match.Value.IsLoneWildcard,
                });
                break;
            case KqlExists { Field.Name: { } field }:
                leaves.Add(new QueryLeaf(field, null, -1, negated) { Filter = location, IsExists = true });
                break;
        }
    }

    /// <summary>
    /// Adds one condition per value of a term-level query. A case-insensitive query, and a wildcard
    /// pattern with <c>?</c> or an escape, which the KQL checks do not read, add the field alone.
    /// </summary>
    private static void AddTermLevel(FilterTermLevel query, FilterLocation location, bool negated, List<QueryLeaf> leaves)
    {
        for (var i = 0; i < query.Values.Count; i++)
        {
            var value = query.CaseInsensitive ? null : LintValue(query.Query, query.Values[i]);
            var valueLocation = location with { Path = location.PathOf(i), IsList = false };
            leaves.Add(new QueryLeaf(query.Field, value, -1, negated) { Filter = valueLocation });
        }

        if (query.Values.Count == 0)
        {
            leaves.Add(new QueryLeaf(query.Field, null, -1, negated) { Filter = location });
        }
    }

    private static KqlValue? LintValue(TermLevelQuery query, string value) => query switch
    {
        TermLevelQuery.Terms => KqlValue.Quoted(value),
        TermLevelQuery.Prefix => Pattern([value, ""]),
        _ when value.Contains('?', StringComparison.Ordinal) || value.Contains('\\', StringComparison.Ordinal) => null,
        _ when value.Contains('*', StringComparison.Ordinal) => Pattern(value.Split('*')),
        _ => KqlValue.Quoted(value),
    };

    /// <summary>Returns the pattern as a KQL wildcard value, or null for a lone <c>*</c>, which any value matches.</summary>
    private static KqlValue? Pattern(string[] segments)
    {
        var pattern = new WildcardText(segments);
        return pattern.IsLoneWildcard ? null : KqlValue.Wildcard(pattern);
    }
}
