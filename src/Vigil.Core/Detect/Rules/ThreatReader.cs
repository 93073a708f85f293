using Tomlyn.Model;

namespace Vigil.Detect.Rules;

/// <summary>
/// Reads the MITRE ATT&amp;CK mapping: <c>[[rule.threat]]</c> with <c>[rule.threat.tactic]</c>,
/// <c>[[rule.threat.technique]]</c> and <c>[[rule.threat.technique.subtechnique]]</c>.
/// </summary>
internal static class ThreatReader
{
    public static IReadOnlyList<ThreatMapping> Read(TomlTableReader rule) =>
        rule.TableReaders("threat").Select(ReadMapping).ToList();

    private static ThreatMapping ReadMapping(TomlTableReader threat)
    {
        var framework = threat.RequiredString("framework");
        var tacticTable = threat.Table("tactic");
        if (tacticTable is null)
        {
            var tacticPath = threat.FieldPath("tactic");
            threat.Errors.Add(tacticPath, $"missing table {tacticPath}: add a [{threat.HeaderName}.tactic] table with id, name and reference to each [[{threat.HeaderName}]]");
        }

        var tactic = tacticTable is null
            ? new ThreatTactic("", "", "")
            : ReadTactic(new TomlTableReader(tacticTable, threat.FieldPath("tactic"), threat.Errors));

        var techniques = threat.TableReaders("technique").Select(ReadTechnique).ToList();

        return new ThreatMapping(framework, tactic, techniques);
    }

    private static ThreatTactic ReadTactic(TomlTableReader tactic) =>
        new(tactic.RequiredString("id"), tactic.RequiredString("name"), tactic.RequiredString("reference"));

    private static ThreatTechnique ReadTechnique(TomlTableReader technique)
    {
        var subtechniques = technique.TableReaders("subtechnique").Select(ReadSubtechnique).ToList();

        return new ThreatTechnique(
            technique.RequiredString("id"),
            technique.RequiredString("name"),
            technique.RequiredString("reference"),
            subtechniques);
    }

    private static ThreatSubtechnique ReadSubtechnique(TomlTableReader subtechnique) =>
        new(subtechnique.RequiredString("id"), subtechnique.RequiredString("name"), subtechnique.RequiredString("reference"));
}
