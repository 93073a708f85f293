using Vigil.Detect.Kql;
using Vigil.Detect.Rules.Filters;
using Vigil.Detect.Rules.Lint.Catalog;

namespace Vigil.Detect.Rules.Lint.Checks;

/// <summary>
/// Reports conjunctions that can never hold: two value sets on a single-valued field without a
/// common value (<c>event.action:A and event.action:B</c>), addresses and CIDR blocks on a
/// single-valued ip field without a common address (<c>source.ip:10.0.0.0/8 and
/// source.ip:192.168.0.1</c>), values that the same conjunction excludes on a keyword field
/// (<c>f:A and not f:A</c>), and <c>not f:*</c> with a condition on <c>f</c>.
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
        if (context.Query is { } query)
        {
            Walk(context, query, negated: false);
        }

        CheckConjunction(context, RequiredConditions.Of(context.Query, context.Rule));
    }

    /// <summary>Checks each conjunction below the query's top level, which the filters do not join.</summary>
    private static void Walk(LintContext context, KqlNode node, bool negated)
    {
        switch (node)
        {
            case KqlAnd conjunction when !negated:
                if (!ReferenceEquals(node, context.Query))
                {
                    CheckConjunction(context, [.. conjunction.Operands.Select(RequiredCondition.Of).OfType<RequiredCondition>()]);
                }

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

    private static void CheckConjunction(LintContext context, IReadOnlyList<RequiredCondition> conditions)
    {
        var sets = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var addresses = new Dictionary<string, AddressBlocks>(StringComparer.Ordinal);
        var present = new HashSet<string>(StringComparer.Ordinal);
        var missing = new Dictionary<string, RequiredCondition>(StringComparer.Ordinal);
        var excluded = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var condition in conditions)
        {
            switch (condition.Kind)
            {
                case RequiredKind.Values when IsIp(condition.Field):
                    present.Add(condition.Field);
                    IntersectAddresses(context, addresses, condition);
                    break;
                case RequiredKind.Values:
                    present.Add(condition.Field);
                    Intersect(context, sets, condition);
                    break;
                case RequiredKind.Excluded when excluded.TryGetValue(condition.Field, out var ruledOut):
                    ruledOut.UnionWith(condition.Values!);
                    break;
                case RequiredKind.Excluded:
                    excluded[condition.Field] = new HashSet<string>(condition.Values!, StringComparer.Ordinal);
                    break;
                case RequiredKind.Present:
                    present.Add(condition.Field);
                    break;
                case RequiredKind.Missing:
                    missing.TryAdd(condition.Field, condition);
                    break;
            }
        }

        foreach (var condition in conditions.Where(condition => condition.Kind == RequiredKind.Values && IsExactMatch(condition.Field)))
        {
            if (excluded.TryGetValue(condition.Field, out var ruledOut) && ruledOut.IsSupersetOf(condition.Values!))
            {
                Report(context, LintIds.ContradictoryValues, condition,
                    $"the conjunction requires {condition.Field} to be one of ({string.Join(", ", condition.Values!.Order(StringComparer.Ordinal))}) and excludes each of them with \"not\", so it never matches",
                    $"remove the \"not {condition.Field}:...\" condition or the values it excludes");
            }
        }

        foreach (var (field, condition) in missing.Where(pair => present.Contains(pair.Key)))
        {
            Report(context, LintIds.MissingAndPresent, condition,
                $"not {field}:* and a condition on {field} can never hold together",
                $"remove \"not {field}:*\" or the condition on {field}");
        }
    }

    // On a keyword field a value matches exactly, so "f:A" and "not f:A" are the same test negated.
    // A text field's analysis is left alone: its quoted and unquoted forms can differ.
    private static bool IsExactMatch(string field) => FieldCatalogue.TypeOf(field) is FieldType.Keyword or FieldType.ConstantKeyword;

    private static void Intersect(LintContext context, Dictionary<string, HashSet<string>> sets, RequiredCondition condition)
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
        var beforeInKql = string.Join(" or ", current.Order(StringComparer.Ordinal));
        current.IntersectWith(values);
        if (current.Count == 0)
        {
            Report(context, LintIds.ContradictoryValues, condition,
                $"{condition.Field} holds one value per event, and no value is both one of ({before}) and one of ({string.Join(", ", values.Order(StringComparer.Ordinal))}), so the conjunction never matches",
                $"join the values with \"or\": {condition.Field}:({beforeInKql} or ...)");
            current.UnionWith(values);
        }
    }

    private static bool IsIp(string field) =>
        (FieldMapping.CloudTrail.Find(field)?.Type ?? FieldCatalogue.TypeOf(field)) is FieldType.Ip;

    /// <summary>
    /// Intersects the addresses that the conditions on a single-valued ip field allow. A CIDR value
    /// matches every address in its block, so the values conflict only when no address is in a block
    /// of each condition. A condition with a value that is no address is left out, which can only
    /// widen the intersection, so leaving it out never reports a conjunction that can match.
    /// </summary>
    private static void IntersectAddresses(LintContext context, Dictionary<string, AddressBlocks> addresses, RequiredCondition condition)
    {
        if (!KnownFieldValues.IsSingleValued(condition.Field) || AddressBlocks.Parse(condition.Values!) is not { } blocks)
        {
            return;
        }

        if (!addresses.TryGetValue(condition.Field, out var current))
        {
            addresses[condition.Field] = blocks;
            return;
        }

        var common = current.Intersect(blocks);
        if (!common.IsEmpty)
        {
            addresses[condition.Field] = common;
            return;
        }

        Report(context, LintIds.ContradictoryValues, condition,
            $"{condition.Field} has one address per event, and no address is both in one of ({string.Join(", ", current.Values)}) and in one of ({string.Join(", ", blocks.Values)}), so the conjunction never matches",
            $"join the values with \"or\": {condition.Field}:({string.Join(" or ", current.Values.Select(QuotedIfIpv6))} or ...), or widen a CIDR block so that it contains the other values");
        addresses[condition.Field] = blocks;
    }

    /// <summary>Quotes an IPv6 value, whose colons KQL reads as field separators unless they are escaped.</summary>
    private static string QuotedIfIpv6(string value) => value.Contains(':', StringComparison.Ordinal) ? $"\"{value}\"" : value;

    private static void Report(LintContext context, string id, RequiredCondition condition, string message, string fix)
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
}
