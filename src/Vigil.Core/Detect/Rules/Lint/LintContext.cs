using Vigil.Detect.Kql;
using Vigil.Detect.Rules.Filters;
using Vigil.Detect.Rules.Validation;

namespace Vigil.Detect.Rules.Lint;

/// <summary>The rule being linted, its parsed query, and the findings collected so far.</summary>
internal sealed class LintContext
{
    private readonly RuleSource _source;
    private readonly List<LintFinding> _findings = [];

    public LintContext(DetectionRule rule, RuleSource source, KqlNode? query)
    {
        Rule = rule;
        _source = source;
        Query = query;
        IReadOnlyList<QueryLeaf> queryLeaves = query is null ? [] : QueryLeaf.Collect(query);
        Leaves = [.. queryLeaves, .. FilterLeaves.Collect(rule)];
    }

    public DetectionRule Rule { get; }

    /// <summary>The parsed KQL query; null for other query languages and unparsable queries.</summary>
    public KqlNode? Query { get; }

    /// <summary>The field conditions of the KQL query, then those of the rule's filters.</summary>
    public IReadOnlyList<QueryLeaf> Leaves { get; }

    public IReadOnlyList<LintFinding> Findings => _findings;

    /// <summary>
    /// Returns the query offset of a leaf's field name. The parser records where the value starts, so
    /// this is the nearest occurrence of the name before it, or the value's offset when there is none.
    /// </summary>
    public int FieldOffset(QueryLeaf leaf)
    {
        var start = leaf.Position < 0 ? -1 : Rule.Query.LastIndexOf(leaf.Field, Math.Min(leaf.Position, Rule.Query.Length - 1), StringComparison.Ordinal);
        return start < 0 ? leaf.Position : start;
    }

    public void AtQuery(string id, LintSeverity severity, int queryOffset, string message, string? fix)
    {
        var position = _source.LocateQuery(queryOffset);
        _findings.Add(new LintFinding(id, severity, Rule.RuleId, _source.File, position?.Line, position?.Column, queryOffset, message, fix) { RuleName = Rule.Name });
    }

    /// <summary>
    /// Adds a finding on a condition: at its query offset (the field name's with <paramref name="atFieldName"/>),
    /// or, for a condition of the filters, at the filter, with the filter's JSON path before the message.
    /// </summary>
    public void AtLeaf(string id, LintSeverity severity, QueryLeaf leaf, string message, string? fix, bool atFieldName = false)
    {
        if (leaf.Filter is { } filter)
        {
            AtField(id, severity, $"rule.{RuleFilterReader.Field}[{filter.Index}]", $"filter {filter.Name} at {filter.Path}: {message}", fix);
            return;
        }

        AtQuery(id, severity, atFieldName ? FieldOffset(leaf) : leaf.Position, message, fix);
    }

    public void AtField(string id, LintSeverity severity, string fieldPath, string message, string? fix)
    {
        var position = _source.LocateField(fieldPath);
        _findings.Add(new LintFinding(id, severity, Rule.RuleId, _source.File, position?.Line, position?.Column, null, message, fix) { RuleName = Rule.Name });
    }
}
