using Vigil.Detect.Rules.Lint.Catalog;

namespace Vigil.Detect.Rules.Lint.Checks;

/// <summary>
/// Reports MITRE ATT&amp;CK mappings that do not fit together: an unknown tactic id, a tactic name
/// other than the id's, a reference URL for another id, or a sub-technique of another technique.
/// </summary>
internal static class ThreatConsistencyCheck
{
    private const string Site = "https://attack.mitre.org/";

    public static void Run(LintContext context)
    {
        foreach (var mapping in context.Rule.Threat)
        {
            CheckTactic(context, mapping.Tactic);
            foreach (var technique in mapping.Techniques)
            {
                CheckReference(context, technique.Id, technique.Reference, $"{Site}techniques/{technique.Id}/");
                foreach (var subtechnique in technique.Subtechniques)
                {
                    CheckSubtechnique(context, technique, subtechnique);
                }
            }
        }
    }

    private static void CheckTactic(LintContext context, ThreatTactic tactic)
    {
        if (!AttackTactics.Names.TryGetValue(tactic.Id, out var name))
        {
            Report(context, $"tactic id \"{tactic.Id}\" is not an ATT&CK Enterprise tactic", "use one of " + string.Join(", ", AttackTactics.Names.Keys.Order(StringComparer.Ordinal)));
            return;
        }

        if (name != tactic.Name)
        {
            Report(context, $"tactic {tactic.Id} is named \"{name}\", not \"{tactic.Name}\"", $"set the tactic name to \"{name}\" or fix the id");
        }

        CheckReference(context, tactic.Id, tactic.Reference, $"{Site}tactics/{tactic.Id}/");
    }

    private static void CheckSubtechnique(LintContext context, ThreatTechnique technique, ThreatSubtechnique subtechnique)
    {
        if (!subtechnique.Id.StartsWith(technique.Id + ".", StringComparison.Ordinal))
        {
            Report(context, $"sub-technique {subtechnique.Id} does not belong to technique {technique.Id}", $"move it under technique {subtechnique.Id.Split('.')[0]}");
        }

        var number = subtechnique.Id.Split('.').ElementAtOrDefault(1) ?? "";
        CheckReference(context, subtechnique.Id, subtechnique.Reference, $"{Site}techniques/{technique.Id}/{number}/");
    }

    private static void CheckReference(LintContext context, string id, string reference, string expected)
    {
        if (!string.Equals(reference.TrimEnd('/') + "/", expected, StringComparison.OrdinalIgnoreCase))
        {
            Report(context, $"reference \"{reference}\" of {id} is not the page of {id}", $"use {expected}");
        }
    }

    private static void Report(LintContext context, string message, string fix) =>
        context.AtField(LintIds.ThreatMismatch, LintSeverity.Warning, "rule.threat", message, fix);
}
