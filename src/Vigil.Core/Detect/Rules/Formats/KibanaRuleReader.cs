using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tomlyn.Model;

namespace Vigil.Detect.Rules.Formats;

/// <summary>
/// Reads Kibana rule JSON. The object is reshaped into the detection-rules layout and read by the
/// same reader as TOML files, so both formats get the same checks and the same defaults.
/// </summary>
internal static class KibanaRuleReader
{
    /// <summary>Arrays the Kibana writer always emits; an empty one carries no information.</summary>
    private static readonly string[] EmptyByDefault = ["severity_mapping", "risk_score_mapping", "exceptions_list", "threat"];

    public static bool TryRead(JsonObject json, string file, int? line, string? location, out DetectionRule? rule, out IReadOnlyList<RuleLoadError> errors)
    {
        var document = ToDocument(json, out var uuid, keepFilterNulls: true);

        var sink = new RuleErrorSink(file, TomlKeyPositions.Empty);
        rule = TomlRuleReader.Read(document, file, sink, uuid, line, rejectUnknownKeys: false);
        // The error's position names the line already, so a location is added only where it adds detail.
        errors = sink.Errors.Select(error => error with { Message = location is null ? JsonRuleMessages.Reword(error.Message) : $"{location}: {JsonRuleMessages.Reword(error.Message)}" }).ToList();
        return rule is not null;
    }

    /// <summary>Returns Kibana rule JSON in the detection-rules layout, and its saved-object <c>id</c>.</summary>
    /// <param name="json">The rule.</param>
    /// <param name="uuid">The saved-object <c>id</c>, or null.</param>
    /// <param name="keepFilterNulls">
    /// True to keep each <c>null</c> inside <c>filters</c> as <see cref="TomlJson.Null"/>, so the filter
    /// reader can reject it as Elasticsearch does. False for a document to write as TOML, which has no null.
    /// </param>
    public static TomlTable ToDocument(JsonObject json, out string? uuid, bool keepFilterNulls = false)
    {
        var document = new TomlTable();
        var ruleTable = new TomlTable();
        uuid = null;
        foreach (var (key, value) in json)
        {
            if (key == "id" && value is JsonValue id && id.TryGetValue<string>(out var text))
            {
                uuid = text;
            }
            else if (key == "meta" && value is JsonObject meta)
            {
                ReadMeta(meta, document, ruleTable);
            }
            else if (keepFilterNulls && key == FiltersKey && value is not null)
            {
                ruleTable[key] = ToTomlKeepingNulls(value);
            }
            else if (value is not null && !IsEmptyDefault(key, value))
            {
                ruleTable[key] = ToToml(value);
            }
        }

        NestNewTerms(ruleTable);
        document["rule"] = ruleTable;
        return document;
    }

    private static void ReadMeta(JsonObject meta, TomlTable document, TomlTable ruleTable)
    {
        var rest = new TomlTable();
        foreach (var (key, value) in meta.Where(pair => pair.Value is not null))
        {
            if (key == KibanaRuleJson.MetadataKey && value is JsonObject metadata)
            {
                document["metadata"] = ToToml(metadata);
            }
            else
            {
                rest[key] = ToToml(value);
            }
        }

        if (rest.Count > 0)
        {
            ruleTable["meta"] = rest;
        }
    }

    /// <summary>Rebuilds detection-rules' <c>[rule.new_terms]</c> table from Kibana's flat fields.</summary>
    private static void NestNewTerms(TomlTable rule)
    {
        if (!rule.TryGetValue("new_terms_fields", out var fields))
        {
            return;
        }

        rule.Remove("new_terms_fields");
        var newTerms = new TomlTable { ["field"] = "new_terms_fields", ["value"] = fields };
        if (rule.TryGetValue("history_window_start", out var start))
        {
            rule.Remove("history_window_start");
            newTerms["history_window_start"] = new TomlTableArray { new TomlTable { ["field"] = "history_window_start", ["value"] = start } };
        }

        rule["new_terms"] = newTerms;
    }

    private const string FiltersKey = Filters.RuleFilterReader.Field;

    private static bool IsEmptyDefault(string key, JsonNode? value) =>
        EmptyByDefault.Contains(key, StringComparer.Ordinal) && value is JsonArray { Count: 0 };

    /// <summary>Converts JSON to Tomlyn's model; TOML has no null, so a null array item becomes an empty string.</summary>
    private static object ToToml(JsonNode? node) => node switch
    {
        null => "",
        JsonObject json => ToTable(json),
        JsonArray array when array.Count > 0 && array.All(item => item is JsonObject) => ToTableArray(array),
        JsonArray array => ToArray(array),
        JsonValue value => ToScalar(value),
        _ => node.ToJsonString(),
    };

    /// <summary>Converts JSON to Tomlyn's model with each null kept as <see cref="TomlJson.Null"/>.</summary>
    private static object ToTomlKeepingNulls(JsonNode? node) => node switch
    {
        null => TomlJson.Null,
        JsonObject json => ToTableKeepingNulls(json),
        JsonArray array => ToArrayKeepingNulls(array),
        JsonValue value => ToScalar(value),
        _ => node.ToJsonString(),
    };

    private static TomlTable ToTableKeepingNulls(JsonObject json)
    {
        var table = new TomlTable();
        foreach (var (key, value) in json)
        {
            table[key] = ToTomlKeepingNulls(value);
        }

        return table;
    }

    // An array of tables would drop a null entry, so every array stays a plain array.
    private static TomlArray ToArrayKeepingNulls(JsonArray array)
    {
        var result = new TomlArray();
        foreach (var item in array)
        {
            result.Add(ToTomlKeepingNulls(item));
        }

        return result;
    }

    private static TomlTable ToTable(JsonObject json)
    {
        var table = new TomlTable();
        foreach (var (key, value) in json)
        {
            if (value is not null)
            {
                table[key] = ToToml(value);
            }
        }

        return table;
    }

    private static TomlTableArray ToTableArray(JsonArray array)
    {
        var tables = new TomlTableArray();
        foreach (var item in array)
        {
            tables.Add(ToTable(item!.AsObject()));
        }

        return tables;
    }

    private static TomlArray ToArray(JsonArray array)
    {
        var result = new TomlArray();
        foreach (var item in array)
        {
            result.Add(ToToml(item));
        }

        return result;
    }

    /// <summary>Reads a number from its JSON text, because in-memory values may hold any .NET numeric type.</summary>
    private static object Number(string text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer)
            ? (object)integer
            : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static object ToScalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => Number(value.ToJsonString()),
        _ => value.ToJsonString(),
    };
}
