using Vigil.Detect.Rules.Lint.Catalog;

namespace Vigil.Detect.Rules.Lint.Checks;

/// <summary>
/// Reports MITRE ATT&amp;CK techniques and sub-techniques that do not exist, carry another
/// technique's name, or are mapped under a tactic they do not belong to.
/// </summary>
internal static class TechniqueCheck
{
    public static void Run(LintContext context)
    {
        var threat = context.Rule.Threat;
        for (var i = 0; i < threat.Count; i++)
        {
            var tactic = threat[i].Tactic;
            var techniques = threat[i].Techniques;
            for (var j = 0; j < techniques.Count; j++)
            {
                var path = $"rule.threat[{i}].technique[{j}]";
                Check(context, path, tactic, techniques[j].Id, techniques[j].Name, parentId: null);
                CheckSubtechniques(context, path, tactic, techniques[j]);
            }
        }
    }

    private static void CheckSubtechniques(LintContext context, string techniquePath, ThreatTactic tactic, ThreatTechnique technique)
    {
        for (var k = 0; k < technique.Subtechniques.Count; k++)
        {
            var subtechnique = technique.Subtechniques[k];
            Check(context, $"{techniquePath}.subtechnique[{k}]", tactic, subtechnique.Id, subtechnique.Name, technique.Id);
        }
    }

    private static void Check(LintContext context, string path, ThreatTactic tactic, string id, string name, string? parentId)
    {
        if (AttackTechniques.Find(id) is not { } known)
        {
            ReportUnknown(context, path, id, name, parentId);
            return;
        }

        if (known.Name != name)
        {
            Report(context, path + ".name", $"{id} is named \"{known.Name}\" in ATT&CK {AttackTechniques.AttackVersion}, not \"{name}\"",
                $"set the name to \"{known.Name}\"");
        }

        if (AttackTactics.Names.ContainsKey(tactic.Id) && !known.TacticIds.Contains(tactic.Id))
        {
            var tactics = string.Join(", ", known.TacticIds.Select(tacticId => $"{tacticId} {AttackTactics.Names.GetValueOrDefault(tacticId)}"));
            Report(context, path + ".id", $"{id} {known.Name} is not a technique of tactic {tactic.Id} {tactic.Name}: it belongs to {tactics}",
                $"move it under one of {string.Join(", ", known.TacticIds)}, or map a technique of {tactic.Id}");
        }
    }

    private static void ReportUnknown(LintContext context, string path, string id, string name, string? parentId)
    {
        var named = AttackTechniques.IdsNamed(name, parentId);
        var kind = parentId is null ? "technique" : "sub-technique";
        var fix = named.Count > 0
            ? $"\"{name}\" is {string.Join(" or ", named)}: use that id"
            : $"use a {kind} id of ATT&CK {AttackTechniques.AttackVersion} from https://attack.mitre.org/techniques/enterprise/";
        Report(context, path + ".id", $"{kind} id \"{id}\" does not exist in ATT&CK {AttackTechniques.AttackVersion}", fix);
    }

    private static void Report(LintContext context, string path, string message, string fix) =>
        context.AtField(LintIds.ThreatMismatch, LintSeverity.Warning, path, message, fix);
}
