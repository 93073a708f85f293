using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Detect.Rules;

/// <summary>One entry of a rule's <c>severity_mapping</c>: when the event's field equals the value, the alert gets the severity.</summary>
internal sealed record SeverityMappingEntry(string Field, string Value, string Severity);

/// <summary>
/// Reads a rule's <c>severity_mapping</c> and <c>risk_score_mapping</c>, which override an alert's
/// severity and risk score from a field of the source event, and checks them against the item shapes
/// of Kibana's rule schema.
/// </summary>
internal static class RuleMappings
{
    public const string SeverityMappingField = "severity_mapping";
    public const string RiskScoreMappingField = "risk_score_mapping";

    private static readonly string[] Severities = ["low", "medium", "high", "critical"];

    private static readonly ConditionalWeakTable<DetectionRule, Parsed> Cache = [];

    /// <summary>The valid entries of the rule's <c>severity_mapping</c>, in the rule's order.</summary>
    public static IReadOnlyList<SeverityMappingEntry> SeverityMapping(DetectionRule rule) =>
        Cache.GetValue(rule, Parse).Severity;

    /// <summary>
    /// The field of the first <c>risk_score_mapping</c> entry, or null. Kibana reads only that
    /// entry's field; the entries' <c>value</c> and <c>risk_score</c> take no part.
    /// </summary>
    public static string? RiskScoreField(DetectionRule rule) => Cache.GetValue(rule, Parse).RiskScoreField;

    /// <summary>
    /// Returns a warning for <c>risk_score_mapping</c> entries after the first, which Kibana and
    /// Vigil both leave unread, with the field path of the second entry; otherwise <c>null</c>.
    /// </summary>
    public static (string FieldPath, string Message)? UnreadRiskScoreEntries(DetectionRule rule)
    {
        if (!rule.OtherFields.TryGetValue(RiskScoreMappingField, out var node) || node is not JsonArray { Count: > 1 } entries)
        {
            return null;
        }

        var unread = entries.Count - 1;
        return ($"rule.{RiskScoreMappingField}[1]", $"{RiskScoreMappingField} has {entries.Count} entries, but Kibana's detection engine reads only the first entry's field, so the {unread} after it {(unread == 1 ? "has" : "have")} no effect in Kibana or Vigil; keep one entry");
    }

    /// <summary>
    /// Returns the problems of both mappings, each with its field path and message. Kibana's schema
    /// rejects a rule with any of them.
    /// </summary>
    public static IReadOnlyList<(string FieldPath, string Message)> Problems(DetectionRule rule) =>
        Cache.GetValue(rule, Parse).Problems;

    private static Parsed Parse(DetectionRule rule)
    {
        var problems = new List<(string, string)>();
        var severity = new List<SeverityMappingEntry>();
        foreach (var (item, path) in Items(rule, SeverityMappingField, problems))
        {
            var field = Text(item, "field");
            var value = Text(item, "value");
            var level = Text(item, "severity");
            if (field is null || value is null || !IsEquals(item) || level is null || !Severities.Contains(level, StringComparer.Ordinal))
            {
                problems.Add((path, $"invalid {path}: expected field (a field name), operator \"equals\", value (a string) and severity (one of {string.Join(", ", Severities)}), as Kibana's rule schema requires; fix the entry"));
                continue;
            }

            severity.Add(new SeverityMappingEntry(field, value, level));
        }

        string? riskScoreField = null;
        foreach (var (item, path) in Items(rule, RiskScoreMappingField, problems))
        {
            var field = Text(item, "field");
            if (field is null || Text(item, "value") is null || !IsEquals(item) || !IsOptionalRiskScore(item["risk_score"]))
            {
                problems.Add((path, $"invalid {path}: expected field (a field name), operator \"equals\", value (a string, usually \"\") and an optional risk_score from 0 to 100, as Kibana's rule schema requires; fix the entry"));
                continue;
            }

            riskScoreField ??= path.EndsWith("[0]", StringComparison.Ordinal) ? field : null;
        }

        return new Parsed(severity, riskScoreField, problems);
    }

    private static IEnumerable<(JsonObject Item, string Path)> Items(DetectionRule rule, string key, List<(string, string)> problems)
    {
        if (!rule.OtherFields.TryGetValue(key, out var node) || node is null)
        {
            yield break;
        }

        var path = "rule." + key;
        if (node is not JsonArray array)
        {
            problems.Add((path, $"invalid {path}: expected a list of mapping entries; write it as a list, or remove it"));
            yield break;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (array[i] is JsonObject item)
            {
                yield return (item, itemPath);
            }
            else
            {
                problems.Add((itemPath, $"invalid {itemPath}: expected a mapping entry object; fix the entry"));
            }
        }
    }

    private static string? Text(JsonObject item, string key) =>
        item[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static bool IsEquals(JsonObject item) => Text(item, "operator") == "equals";

    private static bool IsOptionalRiskScore(JsonNode? node) =>
        node is null
        || (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && JavaScriptValues.NumberOf(value) is var score && JavaScriptValues.IsSafeInteger(score) && score is >= 0 and <= 100);

    private sealed record Parsed(
        IReadOnlyList<SeverityMappingEntry> Severity,
        string? RiskScoreField,
        IReadOnlyList<(string FieldPath, string Message)> Problems);
}
