using Tomlyn.Model;

namespace Vigil.Detect.Rules;

/// <summary>
/// Finds keys of a rule's <c>[rule]</c> or <c>[metadata]</c> table that no schema defines. Vigil
/// would otherwise ignore a misspelled key such as <c>max_signal</c> and run the rule with the
/// default, so detection-rules TOML rejects it, as detection-rules' own loader does.
/// </summary>
internal static class UnknownRuleKeys
{
    /// <summary>Adds an error for each key of <paramref name="table"/> outside <paramref name="known"/>, in file order.</summary>
    public static void Reject(TomlTable table, string tableName, IReadOnlySet<string> known, RuleErrorSink errors)
    {
        foreach (var key in table.Keys.Where(key => !known.Contains(key)))
        {
            errors.Add($"{tableName}.{key}", Message(key, tableName, known));
        }
    }

    /// <summary>
    /// Returns the unknown keys of a rule read from Kibana JSON, each with its field path, the
    /// problem and the fix. They are warnings, not errors, because Kibana's API may add fields this list lacks.
    /// </summary>
    public static IReadOnlyList<(string FieldPath, string Problem, string Fix)> InKibanaJson(DetectionRule rule)
    {
        if (rule.SourcePath is not { } path || !RuleFiles.IsKibanaJson(path))
        {
            return [];
        }

        var ruleKeys = rule.OtherFields.Keys
            .Where(key => !KnownRuleKeys.Rule.Contains(key) && !KnownRuleKeys.KibanaOnly.Contains(key))
            .Select(key => JsonFinding($"rule.{key}", key, "$", KnownRuleKeys.Rule.Concat(KnownRuleKeys.KibanaOnly)));
        var metadataKeys = rule.Metadata.OtherFields.Keys
            .Where(key => !KnownRuleKeys.Metadata.Contains(key))
            .Select(key => JsonFinding($"rule.meta.{key}", key, $"$.meta.{Formats.KibanaRuleJson.MetadataKey}", KnownRuleKeys.Metadata));
        return [.. ruleKeys, .. metadataKeys];
    }

    /// <summary>Returns what is wrong with <paramref name="key"/> and the fix: the nearest known key, or removing it.</summary>
    public static string Message(string key, string tableName, IEnumerable<string> known)
    {
        var fix = KnownRuleKeys.Nearest(key, known) is { } nearest
            ? $"did you mean {nearest}?"
            : "remove it, or check its spelling against the detection-rules schema";
        return $"unknown key \"{key}\" in [{tableName}]: no rule schema defines it, so Vigil would ignore it; {fix}";
    }

    private static (string FieldPath, string Problem, string Fix) JsonFinding(string fieldPath, string key, string objectPath, IEnumerable<string> known)
    {
        var fix = KnownRuleKeys.Nearest(key, known) is { } nearest
            ? $"did you mean {nearest}?"
            : "remove it, or check its spelling against Kibana's rule API";
        return (fieldPath, $"unknown key {objectPath}.{key}: neither Kibana's rule API nor detection-rules defines it, so Vigil ignores it", fix);
    }
}
