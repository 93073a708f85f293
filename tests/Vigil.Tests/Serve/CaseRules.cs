using Vigil.Detect.Rules;

namespace Vigil.Tests.Serve;

/// <summary>Loads the minimal rule files of the scheduling cases, adding the fields a rule file must have.</summary>
internal static class CaseRules
{
    /// <summary>Loads <paramref name="path"/>, with <paramref name="extraFields"/> (TOML lines) added to its <c>[rule]</c> table.</summary>
    public static DetectionRule Load(string path, string extraFields = "")
    {
        var ruleId = Path.GetFileNameWithoutExtension(path);
        var required = $"""
            [metadata]
            creation_date = "2026/12/04"
            maturity = "production"
            updated_date = "2026/12/04"

            [rule]
            rule_id = "{ruleId}"
            author = ["Vigil tests"]
            description = "Scheduling case rule {ruleId}."
            risk_score = 21
            severity = "low"

            """ + extraFields;
        var text = File.ReadAllText(path).Replace("[rule]\n", required, StringComparison.Ordinal);
        return RuleLoader.ParseToml(text, path);
    }
}
