using Vigil.Detect.Kql;
using Vigil.Detect.Rules.Filters;

namespace Vigil.Detect.Rules.Lint.Checks;

/// <summary>
/// Reports the parts of a rule that only Kibana can apply: exception lists stored in Kibana, and
/// filters Vigil cannot apply or Elasticsearch rejects.
/// </summary>
internal static class KibanaOnlyCheck
{
    public static void Run(LintContext context)
    {
        if (RuleExceptionLists.Problem(context.Rule) is { } exceptions)
        {
            context.AtField(LintIds.ExceptionListsNotApplied, LintSeverity.Warning, $"rule.{RuleExceptionLists.Field}[0]", exceptions, RuleExceptionLists.Fix);
        }

        if (context.Query is null || RuleQuery.CheckFilters(context.Rule, FieldMapping.CloudTrail) is not { } filter)
        {
            return;
        }

        var message = filter.IsUnsupported && context.Rule.Type == "query" ? $"hunt and serve skip this rule: {filter.Summary}" : filter.Summary;
        context.AtField(LintIds.FilterNotApplied, filter.IsUnsupported ? LintSeverity.Warning : LintSeverity.Error, filter.FieldPath, message, filter.Fix);
    }
}
