using System.Text.Json.Nodes;

namespace Vigil.Detect.Rules;

/// <summary>Writes a rule in the JSON shape of Kibana's detection engine API (snake-case keys).</summary>
internal static class RuleApiJson
{
    /// <summary>
    /// Returns the rule's API parameters: every field Kibana stores as a rule parameter, plus
    /// <see cref="DetectionRule.OtherFields"/>. Unset optional fields are left out, as Kibana's
    /// JSON output leaves out undefined values.
    /// </summary>
    public static JsonObject Parameters(DetectionRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);

        var json = new JsonObject
        {
            ["rule_id"] = rule.RuleId,
            ["description"] = rule.Description,
            ["type"] = rule.Type,
            ["query"] = rule.Query,
            ["severity"] = rule.Severity,
            ["risk_score"] = rule.RiskScore,
            ["severity_mapping"] = new JsonArray(),
            ["risk_score_mapping"] = new JsonArray(),
            ["version"] = rule.Version,
            ["from"] = rule.From,
            ["to"] = rule.To,
            ["max_signals"] = rule.MaxSignals,
            ["references"] = Strings(rule.References),
            ["author"] = Strings(rule.Author),
            ["false_positives"] = Strings(rule.FalsePositives),
            ["threat"] = Threat(rule.Threat),
            ["exceptions_list"] = new JsonArray(),
        };

        AddIfSet(json, "language", rule.Language);
        if (rule.Type != "esql")
        {
            json["index"] = Strings(rule.Index);
        }

        AddIfSet(json, "license", rule.License);
        AddIfSet(json, "timestamp_override", rule.TimestampOverride);
        AddIfSet(json, "building_block_type", rule.BuildingBlockType);
        AddIfSet(json, "rule_name_override", rule.RuleNameOverride);
        AddIfSet(json, "note", rule.Note);
        AddIfSet(json, "setup", rule.Setup);
        if (rule.TimestampOverrideFallbackDisabled)
        {
            json["timestamp_override_fallback_disabled"] = true;
        }

        foreach (var (key, value) in rule.OtherFields)
        {
            json[key] = value?.DeepClone();
        }

        return json;
    }

    /// <summary>
    /// Returns the whole rule as a create request body: the parameters plus name, tags, interval
    /// and enabled, and the saved-object <c>id</c>.
    /// </summary>
    public static JsonObject Rule(DetectionRule rule)
    {
        var json = Parameters(rule);
        json["id"] = rule.Uuid;
        json["name"] = rule.Name;
        json["tags"] = Strings(rule.Tags);
        json["interval"] = rule.Interval;
        json["enabled"] = rule.Enabled;
        return json;
    }

    /// <summary>Returns the MITRE mapping as Kibana's <c>threat</c> array.</summary>
    public static JsonArray Threat(IReadOnlyList<ThreatMapping> threat) =>
        new(threat.Select(mapping => (JsonNode?)ThreatEntry(mapping)).ToArray());

    public static JsonArray Strings(IEnumerable<string> values) =>
        new(values.Select(value => (JsonNode?)JsonValue.Create(value)).ToArray());

    private static JsonObject ThreatEntry(ThreatMapping mapping)
    {
        var entry = new JsonObject
        {
            ["framework"] = mapping.Framework,
            ["tactic"] = Reference(mapping.Tactic.Id, mapping.Tactic.Name, mapping.Tactic.Reference),
        };

        if (mapping.Techniques.Count > 0)
        {
            entry["technique"] = new JsonArray(mapping.Techniques.Select(t => (JsonNode?)Technique(t)).ToArray());
        }

        return entry;
    }

    private static JsonObject Technique(ThreatTechnique technique)
    {
        var json = Reference(technique.Id, technique.Name, technique.Reference);
        if (technique.Subtechniques.Count > 0)
        {
            var subtechniques = technique.Subtechniques.Select(s => (JsonNode?)Reference(s.Id, s.Name, s.Reference));
            json["subtechnique"] = new JsonArray(subtechniques.ToArray());
        }

        return json;
    }

    private static JsonObject Reference(string id, string name, string reference) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["reference"] = reference,
    };

    private static void AddIfSet(JsonObject json, string key, string? value)
    {
        if (value is not null)
        {
            json[key] = value;
        }
    }
}
