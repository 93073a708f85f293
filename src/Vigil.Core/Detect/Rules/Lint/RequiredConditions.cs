using Vigil.Detect.Kql;
using Vigil.Detect.Rules.Filters;

namespace Vigil.Detect.Rules.Lint;

/// <summary>What a required condition demands of its field.</summary>
internal enum RequiredKind
{
    /// <summary>The field has one of <see cref="RequiredCondition.Values"/>.</summary>
    Values,

    /// <summary>The field has some value.</summary>
    Present,

    /// <summary>The field has no value (<c>not f:*</c>).</summary>
    Missing,

    /// <summary>The field has none of <see cref="RequiredCondition.Values"/> (<c>not f:(a or b)</c>).</summary>
    Excluded,
}

/// <summary>
/// One operand of a conjunction that every match meets: where it is in the query
/// (<see cref="Position"/>) or in the filters (<see cref="Filter"/>).
/// </summary>
internal sealed record RequiredCondition(string Field, IReadOnlySet<string>? Values, RequiredKind Kind, int Position, FilterLocation? Filter)
{
    /// <summary>Returns the condition of a KQL operand, or null when the operand is not one of the kinds read here.</summary>
    public static RequiredCondition? Of(KqlNode node) => node switch
    {
        KqlExists { Field.Name: { } field } => new RequiredCondition(field, null, RequiredKind.Present, node.Position, null),
        KqlNot { Operand: KqlExists { Field.Name: { } absent } exists } => new RequiredCondition(absent, null, RequiredKind.Missing, exists.Position, null),
        KqlNot { Operand: var negated } when ExactValues(negated) is { } excluded => new RequiredCondition(excluded.Field, excluded.Values, RequiredKind.Excluded, node.Position, null),
        _ when ExactValues(node) is { } exact => new RequiredCondition(exact.Field, exact.Values, RequiredKind.Values, node.Position, null),
        _ => null,
    };

    /// <summary>Returns the field and values of <c>f:v</c> or <c>f:(v1 or v2)</c> with exact values only.</summary>
    private static (string Field, HashSet<string> Values)? ExactValues(KqlNode node)
    {
        IEnumerable<KqlNode> alternatives = node is KqlOr disjunction ? disjunction.Operands : [node];
        string? field = null;
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var alternative in alternatives)
        {
            if (alternative is not KqlIs { Field.Name: { } name, Field.IsPattern: false, Value.Kind: KqlValueKind.Text or KqlValueKind.Quoted } leaf
                || (field is not null && field != name))
            {
                return null;
            }

            field = name;
            values.Add(leaf.Value.Text);
        }

        return field is null ? null : (field, values);
    }
}

/// <summary>
/// Collects the conditions every match of a rule meets: the operands of its query's top-level
/// <c>and</c>, and what its filters require, which Kibana ANDs with the query.
/// </summary>
internal static class RequiredConditions
{
    /// <summary>Returns the conditions of the query's top level, then those of the filters.</summary>
    public static IReadOnlyList<RequiredCondition> Of(KqlNode? query, DetectionRule rule)
    {
        IEnumerable<KqlNode> operands = query switch
        {
            KqlAnd conjunction => conjunction.Operands,
            null => [],
            _ => [query],
        };

        return [.. operands.Select(RequiredCondition.Of).OfType<RequiredCondition>(), .. OfFilters(rule)];
    }

    /// <summary>
    /// Returns the conditions that every enabled filter requires: the queries they hold outside a
    /// <c>must_not</c> and outside a <c>should</c> that may match none, and the <c>exists</c> queries
    /// a negated filter rules out.
    /// </summary>
    public static IReadOnlyList<RequiredCondition> OfFilters(DetectionRule rule)
    {
        var conditions = new List<RequiredCondition>();
        if (RuleFilterReader.Read(rule, out var problem) is { } filters && problem is null)
        {
            Require(filters, conditions);
        }

        return conditions;
    }

    private static void Require(FilterNode node, List<RequiredCondition> conditions)
    {
        switch (node)
        {
            case FilterAll all:
                all.Operands.ToList().ForEach(operand => Require(operand, conditions));
                break;
            case FilterNot { Operand: FilterNot twice }:
                Require(twice.Operand, conditions);
                break;
            case FilterNot { Operand: FilterAll { Operands: [FilterNot twice] } }:
                // A negated filter whose query is one must_not clause.
                Require(twice.Operand, conditions);
                break;
            case FilterNot { Operand: FilterLeaf { Leaf: KqlExists { Field.Name: { } absent }, Location: var location } }:
                conditions.Add(new RequiredCondition(absent, null, RequiredKind.Missing, -1, location));
                break;
            case FilterAtLeast { Minimum: >= 1, Operands: [var only] }:
                Require(only, conditions);
                break;
            case FilterAtLeast { Minimum: >= 1 } least when OneOfValues(least) is { } values:
                conditions.Add(values);
                break;
            case FilterFieldQuery query when OfQuery(query) is { } condition:
                conditions.Add(condition);
                break;
        }
    }

    /// <summary>
    /// Returns the values a <c>should</c> list of exact values on one field allows, as Kibana's
    /// "is one of" (phrases) filter builds it, or null for any other list.
    /// </summary>
    private static RequiredCondition? OneOfValues(FilterAtLeast least)
    {
        var alternatives = least.Operands.Select(operand => operand is FilterFieldQuery query ? OfQuery(query) : null).ToList();
        if (alternatives.Any(alternative => alternative is not { Kind: RequiredKind.Values }) || alternatives.Select(alternative => alternative!.Field).Distinct(StringComparer.Ordinal).Count() != 1)
        {
            return null;
        }

        var values = alternatives.SelectMany(alternative => alternative!.Values!).ToHashSet(StringComparer.Ordinal);
        return alternatives[0]! with { Values = values };
    }

    private static RequiredCondition? OfQuery(FilterFieldQuery query) => query switch
    {
        FilterLeaf { Leaf: var leaf, Location: var location } => RequiredCondition.Of(leaf) is { } condition ? condition with { Position = -1, Filter = location } : null,
        FilterTermLevel { Query: TermLevelQuery.Terms, CaseInsensitive: false, Values.Count: > 0 } terms =>
            new RequiredCondition(terms.Field, terms.Values.ToHashSet(StringComparer.Ordinal), RequiredKind.Values, -1, terms.Location),
        FilterTermLevel termLevel => new RequiredCondition(termLevel.Field, null, RequiredKind.Present, -1, termLevel.Location),
        FilterRange range => new RequiredCondition(range.Field, null, RequiredKind.Present, -1, range.Location),
        _ => null,
    };
}
