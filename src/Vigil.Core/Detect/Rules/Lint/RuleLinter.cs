using Vigil.Detect.Rules.Lint.Checks;
using Vigil.Detect.Rules.Validation;

namespace Vigil.Detect.Rules.Lint;

/// <summary>
/// Finds rules, or parts of rules, that can never match real CloudTrail data: event names no event
/// source logs, values fields never have, contradictions, unmatched index patterns.
/// </summary>
public static class RuleLinter
{
    /// <summary>
    /// Lints what no single rule shows, as <c>rules validate</c> reports it: each rule that repeats
    /// an earlier rule's rule_id and revision, then each older revision of a rule whose newest
    /// revision is linted with it.
    /// </summary>
    public static IReadOnlyList<LintFinding> LintSet(IReadOnlyList<DetectionRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);

        var conflicts = RuleIdConflicts.Find(rules);
        var findings = new List<LintFinding>();
        foreach (var (rule, error, problem, fix) in conflicts.DuplicateErrors)
        {
            findings.Add(new LintFinding(LintIds.DuplicateRuleId, LintSeverity.Error, rule.RuleId, error.File, error.Line, error.Column, null, problem, fix) { RuleName = rule.Name });
        }

        foreach (var (rule, warning) in conflicts.OlderRevisions)
        {
            findings.Add(new LintFinding(LintIds.OlderRevision, LintSeverity.Warning, rule.RuleId, warning.File, warning.Line, warning.Column, null, warning.Message, RuleIdConflicts.OlderRevisionFix) { RuleName = rule.Name });
        }

        return findings;
    }

    /// <summary>
    /// Lints one rule. Query findings carry the query offset and, when the rule comes from a TOML
    /// file or a docs page, the file's line and column. Findings come in check order, then query order.
    /// </summary>
    public static IReadOnlyList<LintFinding> Lint(DetectionRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);

        // NOTE: only KQL queries are checked; EQL and ES|QL rules get the index and threat checks only.
        var parsed = RuleChecks.HasKqlQuery(rule) ? Kql.Kql.Parse(rule.Query) : null;
        var context = new LintContext(rule, RuleSource.Read(rule), parsed?.Query);
        if (parsed?.Error is { } error)
        {
            context.AtQuery(LintIds.InvalidQuery, LintSeverity.Error, error.Position, $"invalid KQL in rule.query at query offset {error.Position}: {error.Message.TrimEnd('.')}", "fix the query at this position");
        }

        EventActionCheck.Run(context);
        ProviderCheck.Run(context);
        KnownValueCheck.Run(context);
        DatasetCheck.Run(context);
        UnknownFieldCheck.Run(context);
        RuleFieldCheck.Run(context);
        ValueTypeCheck.Run(context);
        IgnoreAboveCheck.Run(context);
        ContradictionCheck.Run(context);
        LeadingWildcardCheck.Run(context);
        FlattenedRangeCheck.Run(context);
        IndexPatternCheck.Run(context);
        KibanaOnlyCheck.Run(context);
        UnknownKeyCheck.Run(context);
        TimestampOverrideCheck.Run(context);
        EmptyWindowCheck.Run(context);
        MaxSignalsCheck.Run(context);
        ScheduleCheck.Run(context);
        ThreatMappingCheck.Run(context);
        ThreatConsistencyCheck.Run(context);
        TechniqueCheck.Run(context);
        RuleValidityCheck.Run(context);

        return context.Findings;
    }
}
