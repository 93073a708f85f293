using Vigil.Detect.Kql;
using Vigil.Detect.Rules.Lint.Catalog;

namespace Vigil.Detect.Rules.Lint.Checks;

/// <summary>
/// Reports conjunctions that can never hold: two value sets on a single-valued field without a
/// common value (<c>event.action:A and event.action:B</c>), and <c>not f:*</c> with a condition on <c>f</c>.
/// </summary>
internal static class ContradictionCheck
{
    public static void Run(LintContext context)
    {
        if (context.Query is { } query)
        {
            Walk(context, query, negated: false);
        }
    }

    private static void Walk(LintContext context, KqlNode node, bool negated)
    {
        switch (node)
        {
            case KqlAnd conjunction when !negated:
                CheckAnd(context, conjunction);
                conjunction.Operands.ToList().ForEach(operand => Walk(context, operand, negated));
                break;
            case KqlAnd conjunction:
                conjunction.Operands.ToList().ForEach(operand => Walk(context, operand, negated));
                break;
            case KqlOr disjunction:
                disjunction.Operands.ToList().ForEach(operand => Walk(context, operand, negated));
                break;
            case KqlNot negation:
                Walk(context, negation.Operand, !negated);
                break;
        }
    }

    private static void CheckAnd(LintContext context, KqlAnd conjunction)
    {
        var sets = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var present = new Dictionary<string, int>(StringComparer.Ordinal);
        var missing = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var operand in conjunction.Operands)
        {
            if (ExactValues(operand) is { } values)
            {
                present.TryAdd(values.Field, operand.Position);
                Intersect(context, sets, values, operand.Position);
            }
            else if (operand is KqlExists { Field.Name: { } existing })
            {
                present.TryAdd(existing, operand.Position);
            }
            else if (operand is KqlNot { Operand: KqlExists { Field.Name: { } absent } } negation)
            {
                missing.TryAdd(absent, negation.Operand.Position);
            }
        }

        foreach (var (field, position) in missing.Where(pair => present.ContainsKey(pair.Key)))
        {
            context.AtQuery(LintIds.MissingAndPresent, LintSeverity.Error, position,
                $"not {field}:* and a condition on {field} can never hold together",
                $"remove \"not {field}:*\" or the condition on {field}");
        }
    }

    private static void Intersect(LintContext context, Dictionary<string, HashSet<string>> sets, (string Field, HashSet<string> Values) values, int position)
    {
        if (!KnownFieldValues.IsSingleValued(values.Field))
        {
            return;
        }

        if (!sets.TryGetValue(values.Field, out var current))
        {
            sets[values.Field] = values.Values;
            return;
        }

        var before = string.Join(", ", current.Order(StringComparer.Ordinal));
        current.IntersectWith(values.Values);
        if (current.Count == 0)
        {
            context.AtQuery(LintIds.ContradictoryValues, LintSeverity.Error, position,
                $"{values.Field} holds one value per event, and no value is both one of ({before}) and one of ({string.Join(", ", values.Values.Order(StringComparer.Ordinal))}), so the conjunction never matches",
                $"join the values with \"or\": {values.Field}:({before} or ...)");
            current.UnionWith(values.Values);
        }
    }

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
