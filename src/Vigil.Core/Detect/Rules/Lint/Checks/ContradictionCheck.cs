using Vigil.Detect.Kql;
using Vigil.Detect.Rules.Filters;
using Vigil.Detect.Rules.Lint.Catalog;

namespace Vigil.Detect.Rules.Lint.Checks;

/// <summary>
/// Reports conjunctions that can never hold: two value sets on a single-valued field without a
/// common value (<c>event.action:A and event.action:B</c>), and <c>not f:*</c> with a condition on <c>f</c>.
/// </summary>
/// <remarks>
/// Kibana ANDs the rule's filters with its query, so the conditions every filter requires join
/// the query's top-level conjunction: a filter <c>term event.action: B</c> contradicts a query
/// <c>event.action:A</c> as <c>and event.action:B</c> in the query would.
/// </remarks>
internal static class ContradictionCheck
{
    public static void Run(LintContext context)
    {
        var filters = RequiredByFilters(context.Rule);
        if (context.Query is { } query)
        {
            Walk(context, query, negated: false, filters);
        }

        // A query that is not a conjunction still adds its own condition to the filters' conjunction.
        if (context.Query is not KqlAnd && filters.Count > 0)
        {
            var own = context.Query is { } single ? Condition.Of(single) : null;
            CheckConjunction(context, own is null ? filters : [own, .. filters]);
        }
    }

    private static void Walk(LintContext context, KqlNode node, bool negated, IReadOnlyList<Condition> filters)
    {
        switch (node)
        {
            case KqlAnd conjunction when !negated:
                // Only the top-level conjunction is ANDed with the filters, because a nested one can be bypassed by an "or".
                var joined = ReferenceEquals(node, context.Query) ? filters : [];
                CheckConjunction(context, [.. conjunction.Operands.Select(Condition.Of).OfType<Condition>(), .. joined]);
                conjunction.Operands.ToList().ForEach(operand => Walk(context, operand, negated, filters));
                break;
            case KqlAnd conjunction:
                conjunction.Operands.ToList().ForEach(operand => Walk(context, operand, negated, filters));
                break;
            case KqlOr disjunction:
                disjunction.Operands.ToList().ForEach(operand => Walk(context, operand, negated, filters));
                break;
            case KqlNot negation:
                Walk(context, negation.Operand, !negated, filters);
                break;
        }
    }

    private static void CheckConjunction(LintContext context, IReadOnlyList<Condition> conditions)
    {
        var sets = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var present = new HashSet<string>(StringComparer.Ordinal);
        var missing = new Dictionary<string, Condition>(StringComparer.Ordinal);
        foreach (var condition in conditions)
        {
            switch (condition.Kind)
            {
                case ConditionKind.Values:
                    present.Add(condition.Field);
                    Intersect(context, sets, condition);
                    break;
                case ConditionKind.Present:
                    present.Add(condition.Field);
                    break;
                case ConditionKind.Missing:
                    missing.TryAdd(condition.Field, condition);
                    break;
            }
        }

        foreach (var (field, condition) in missing.Where(pair => present.Contains(pair.Key)))
        {
            Report(context, LintIds.MissingAndPresent, condition,
                $"not {field}:* and a condition on {field} can never hold together",
                $"remove \"not {field}:*\" or the condition on {field}");
        }
    }

    private static void Intersect(LintContext context, Dictionary<string, HashSet<string>> sets, Condition condition)
    {
        if (!KnownFieldValues.IsSingleValued(condition.Field))
        {
            return;
        }

        var values = condition.Values!;
        if (!sets.TryGetValue(condition.Field, out var current))
        {
            sets[condition.Field] = [.. values];
            return;
        }

        var before = string.Join(", ", current.Order(StringComparer.Ordinal));
        current.IntersectWith(values);
        if (current.Count == 0)
        {
            Report(context, LintIds.ContradictoryValues, condition,
                $"{condition.Field} holds one value per event, and no value is both one of ({before}) and one of ({string.Join(", ", values.Order(StringComparer.Ordinal))}), so the conjunction never matches",
                $"join the values with \"or\": {condition.Field}:({before} or ...)");
            current.UnionWith(values);
        }
    }

    private static void Report(LintContext context, string id, Condition condition, string message, string fix)
    {
        if (condition.Filter is { } filter)
        {
            context.AtLeaf(id, LintSeverity.Error, new QueryLeaf(condition.Field, null, -1, Negated: false) { Filter = filter }, message, fix);
        }
        else
        {
            context.AtQuery(id, LintSeverity.Error, condition.Position, message, fix);
        }
    }

    /// <summary>
    /// Returns the conditions that every enabled filter requires: the queries they hold outside
    /// any <c>should</c> or <c>must_not</c>, and the <c>exists</c> queries a negated filter rules out.
    /// </summary>
    private static List<Condition> RequiredByFilters(DetectionRule rule)
    {
        var conditions = new List<Condition>();
        if (RuleFilterReader.Read(rule, out var problem) is { } filters && problem is null)
        {
            Require(filters, conditions);
        }

        return conditions;
    }

    private static void Require(FilterNode node, List<Condition> conditions)
    {
        switch (node)
        {
            case FilterAll all:
                all.Operands.ToList().ForEach(operand => Require(operand, conditions));
                break;
            case FilterNot { Operand: FilterLeaf { Leaf: KqlExists { Field.Name: { } absent }, Location: var location } }:
                conditions.Add(new Condition(absent, null, ConditionKind.Missing, -1, location));
                break;
            case FilterLeaf { Leaf: var leaf, Location: var location }:
                if (Condition.Of(leaf) is { } condition)
                {
                    conditions.Add(condition with { Position = -1, Filter = location });
                }

                break;
            case FilterTermLevel { Query: TermLevelQuery.Terms, CaseInsensitive: false, Values.Count: > 0 } terms:
                conditions.Add(new Condition(terms.Field, terms.Values.ToHashSet(StringComparer.Ordinal), ConditionKind.Values, -1, terms.Location));
                break;
            case FilterFieldQuery { Location: var location } query when FieldOf(query) is { } field:
                conditions.Add(new Condition(field, null, ConditionKind.Present, -1, location));
                break;
        }
    }

    private static string? FieldOf(FilterFieldQuery query) => query switch
    {
        FilterTermLevel termLevel => termLevel.Field,
        FilterRange range => range.Field,
        _ => null,
    };

    private enum ConditionKind
    {
        /// <summary>The field has one of <see cref="Condition.Values"/>.</summary>
        Values,

        /// <summary>The field has some value.</summary>
        Present,

        /// <summary>The field has no value (<c>not f:*</c>).</summary>
        Missing,
    }

    /// <summary>One operand of a conjunction: where it is in the query (<see cref="Position"/>) or in the filters (<see cref="Filter"/>).</summary>
    private sealed record Condition(string Field, IReadOnlySet<string>? Values, ConditionKind Kind, int Position, FilterLocation? Filter)
    {
        /// <summary>Returns the condition of a KQL operand, or null when the operand is not a kind this check reads.</summary>
        public static Condition? Of(KqlNode node) => node switch
        {
            KqlExists { Field.Name: { } field } => new Condition(field, null, ConditionKind.Present, node.Position, null),
            KqlNot { Operand: KqlExists { Field.Name: { } absent } exists } => new Condition(absent, null, ConditionKind.Missing, exists.Position, null),
            _ when ExactValues(node) is { } exact => new Condition(exact.Field, exact.Values, ConditionKind.Values, node.Position, null),
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
}
