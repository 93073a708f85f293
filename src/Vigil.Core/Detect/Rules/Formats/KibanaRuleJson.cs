using System.Text.Json.Nodes;

namespace Vigil.Detect.Rules.Formats;

/// <summary>
/// Writes a rule as Kibana's rule JSON (the body of the create API and one line of an
/// <c>_export</c> file): detection-rules' nested <c>[rule.new_terms]</c> becomes Kibana's flat
/// <c>new_terms_fields</c> and <c>history_window_start</c>, and the <c>[metadata]</c> table goes
/// to the free-form <c>meta</c> object so that reading the JSON back loses nothing.
/// </summary>
public static class KibanaRuleJson
{
    /// <summary>The key of <c>meta</c> that carries the detection-rules <c>[metadata]</c> table.</summary>
    internal const string MetadataKey = "detection_rules_metadata";

    /// <summary>Returns the rule as a Kibana rule JSON object.</summary>
    public static JsonObject Write(DetectionRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);

        var json = RuleApiJson.Rule(rule);
        FlattenNewTerms(json);
        if (Metadata(rule.Metadata) is { Count: > 0 } metadata)
        {
            var meta = json["meta"] as JsonObject ?? new JsonObject();
            meta[MetadataKey] = metadata;
            json["meta"] = meta;
        }

        return json;
    }

    /// <summary>Kibana's API has <c>new_terms_fields</c> and <c>history_window_start</c> at the top level.</summary>
    private static void FlattenNewTerms(JsonObject json)
    {
        if (json["new_terms"] is not JsonObject newTerms)
        {
            return;
        }

        json.Remove("new_terms");
        json["new_terms_fields"] = newTerms["value"]?.DeepClone();
        var history = newTerms["history_window_start"];
        var entry = history is JsonArray array ? array.FirstOrDefault() : history;
        if (entry?["value"] is { } start)
        {
            json["history_window_start"] = start.DeepClone();
        }
    }

    private static JsonObject Metadata(RuleMetadata metadata)
    {
        var json = new JsonObject();
        AddIfSet(json, "creation_date", metadata.CreationDate);
        AddIfSet(json, "updated_date", metadata.UpdatedDate);
        AddIfSet(json, "maturity", metadata.Maturity);
        if (metadata.Integration.Count > 0)
        {
            json["integration"] = RuleApiJson.Strings(metadata.Integration);
        }

        AddIfSet(json, "min_stack_version", metadata.MinStackVersion);
        AddIfSet(json, "min_stack_comments", metadata.MinStackComments);
        AddIfSet(json, "deprecation_date", metadata.DeprecationDate);
        foreach (var (key, value) in metadata.OtherFields)
        {
            json[key] = value?.DeepClone();
        }

        return json;
    }

    private static void AddIfSet(JsonObject json, string key, string? value)
    {
        if (value is not null)
        {
            json[key] = value;
        }
    }
}
