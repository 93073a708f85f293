namespace Vigil.Detect.Rules.Lint.Checks;

/// <summary>Reports rules without a MITRE ATT&amp;CK mapping, whose alerts then carry no tactic.</summary>
internal static class ThreatMappingCheck
{
    public static void Run(LintContext context)
    {
        if (context.Rule.Threat.Count > 0)
        {
            return;
        }

        context.AtField(LintIds.NoThreatMapping, LintSeverity.Info, "rule",
            "the rule has no MITRE ATT&CK mapping, so its alerts carry no tactic or technique",
            "add a [[rule.threat]] table with the tactic and technique the rule detects");
    }
}
