using Vigil.Detect.Rules.Validation;

namespace Vigil.Detect.Rules.Lint.Checks;

/// <summary>
/// Reports, as errors, the problems <c>rules validate</c> finds that no other lint check reports,
/// such as a <c>from</c> or <c>to</c> that is not date math. Hunt and serve reject such a rule, so
/// lint must not pass it. It runs last, so that it can leave out a query or filter error that
/// another check already reported.
/// </summary>
internal static class RuleValidityCheck
{
    public static void Run(LintContext context)
    {
        var rule = context.Rule;
        foreach (var problem in RuleChecks.CheckWindowSyntax(rule))
        {
            context.AtField(LintIds.InvalidRule, LintSeverity.Error, problem.FieldPath, problem.Message, null);
        }

        // Validate reports the first error of the query only, so any query error lint found covers it.
        if (RuleChecks.CheckQuery(rule) is { QueryOffset: { } offset } query && !HasError(context, finding => finding.QueryOffset is not null))
        {
            context.AtQuery(LintIds.InvalidRule, LintSeverity.Error, offset, query.Message, null);
        }

        if (RuleChecks.CheckFilters(rule) is { } filter && !HasError(context, finding => finding.Id == LintIds.FilterNotApplied))
        {
            context.AtField(LintIds.InvalidRule, LintSeverity.Error, filter.FieldPath, filter.Message, null);
        }

        foreach (var (fieldPath, message) in RuleMappings.Problems(rule))
        {
            context.AtField(LintIds.InvalidRule, LintSeverity.Error, fieldPath, message, null);
        }

        if (RuleChecks.CheckHistoryWindow(rule) is { } history)
        {
            context.AtField(LintIds.InvalidRule, LintSeverity.Error, history.FieldPath, history.Message, null);
        }
    }

    private static bool HasError(LintContext context, Func<LintFinding, bool> predicate) =>
        context.Findings.Any(finding => finding.Severity == LintSeverity.Error && predicate(finding));
}
