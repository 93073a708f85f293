using Vigil.Detect.Rules.Validation;

namespace Vigil.Detect.Rules.Lint.Checks;

/// <summary>
/// Reports a rule whose <c>from</c> is never before its <c>to</c>. Every window it searches is
/// empty, so it never alerts, and Kibana and serve report a gap at every run.
/// </summary>
internal static class EmptyWindowCheck
{
    public static void Run(LintContext context)
    {
        if (RuleWindowOrder.Problem(context.Rule.From, context.Rule.To) is not { } problem)
        {
            return;
        }

        context.AtField(LintIds.EmptyWindow, LintSeverity.Error, "rule.from", problem, RuleWindowOrder.Fix(context.Rule.To));
    }
}
