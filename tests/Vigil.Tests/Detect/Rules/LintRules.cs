using Tomlyn;
using Tomlyn.Model;
using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Lint;

namespace Vigil.Tests.Detect.Rules;

/// <summary>Builds rules for lint tests and filters their findings.</summary>
internal static class LintRules
{
    public static DetectionRule FromQuery(string query, IReadOnlyList<string>? index = null, IReadOnlyList<ThreatMapping>? threat = null) => new()
    {
        RuleId = "00000000-0000-0000-0000-000000000001",
        Uuid = "00000000-0000-0000-0000-000000000002",
        Name = "lint test",
        Description = "lint test",
        Type = "query",
        Language = "kuery",
        Query = query,
        Index = index ?? ["logs-aws.cloudtrail-*"],
        Severity = "low",
        RiskScore = 21,
        Threat = threat ?? [new ThreatMapping("MITRE ATT&CK", new ThreatTactic("TA0004", "Privilege Escalation", "https://attack.mitre.org/tactics/TA0004/"), [])],
    };

    /// <summary>Reads the query of a minimal TOML rule that has only a [rule] table with a query.</summary>
    public static DetectionRule FromMinimalToml(string path)
    {
        var table = TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(path))!;
        var rule = (TomlTable)table["rule"];
        return FromQuery((string)rule["query"]);
    }

    public static IReadOnlyList<LintFinding> Problems(DetectionRule rule) =>
        RuleLinter.Lint(rule).Where(finding => finding.Severity >= LintSeverity.Warning).ToList();
}
