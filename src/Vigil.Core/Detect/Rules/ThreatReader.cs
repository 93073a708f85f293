using Tomlyn.Model;

namespace Vigil.Detect.Rules;

/// <summary>
/// Reads the MITRE ATT&amp;CK mapping: <c>[[rule.threat]]</c> with <c>[rule.threat.tactic]</c>,
/// <c>[[rule.threat.technique]]</c> and <c>[[rule.threat.technique.subtechnique]]</c>.
/// </summary>
internal static class ThreatReader
{
    public static IReadOnlyList<ThreatMapping> Read(TomlTableReader rule)
    {
        var path = rule.FieldPath("threat");
        return rule.Tables("threat")
            .Select(table => ReadMapping(new TomlTableReader(table, path, rule.Errors)))
            .ToList();
    }

    private static ThreatMapping ReadMapping(TomlTableReader threat)
    {
        var framework = threat.RequiredString("framework");
        var tacticTable = threat.Table("tactic");
        if (tacticTable is null)
        {
            threat.Errors.Add(threat.FieldPath("tactic"), $"missing [{threat.FieldPath("tactic")}] table: add one with id, name and reference after each [[{threat.Path}]]");
        }

        var tactic = tacticTable is null
            ? new ThreatTactic("", "", "")
            : ReadTactic(new TomlTableReader(tacticTable, threat.FieldPath("tactic"), threat.Errors));

        var techniques = threat.Tables("technique")
            .Select(table => ReadTechnique(new TomlTableReader(table, threat.FieldPath("technique"), threat.Errors)))
            .ToList();

        return new ThreatMapping(framework, tactic, techniques);
    }

    private static ThreatTactic ReadTactic(TomlTableReader tactic) =>
        new(tactic.RequiredString("id"), tactic.RequiredString("name"), tactic.RequiredString("reference"));

    private static ThreatTechnique ReadTechnique(TomlTableReader technique)
    {
        var subtechniques = technique.Tables("subtechnique")
            .Select(table => ReadSubtechnique(new TomlTableReader(table, technique.FieldPath("subtechnique"), technique.Errors)))
            .ToList();

        return new ThreatTechnique(
            technique.RequiredString("id"),
            technique.RequiredString("name"),
            technique.RequiredString("reference"),
            subtechniques);
    }

    private static ThreatSubtechnique ReadSubtechnique(TomlTableReader subtechnique) =>
        new(subtechnique.RequiredString("id"), subtechnique.RequiredString("name"), subtechnique.RequiredString("reference"));
}
