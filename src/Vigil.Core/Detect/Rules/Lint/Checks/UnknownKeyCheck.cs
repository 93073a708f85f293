namespace Vigil.Detect.Rules.Lint.Checks;

/// <summary>
/// Reports keys of a Kibana rule JSON that no rule schema defines, such as a misspelled
/// <c>max_signal</c>. The loader rejects such keys in TOML, so only JSON rules reach this check.
/// </summary>
internal static class UnknownKeyCheck
{
    public static void Run(LintContext context)
    {
        foreach (var (fieldPath, problem, fix) in UnknownRuleKeys.InKibanaJson(context.Rule))
        {
            context.AtField(LintIds.UnknownRuleKey, LintSeverity.Warning, fieldPath, problem, fix);
        }
    }
}
