using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Read;

namespace Vigil.Detect.Rules.Formats;

/// <summary>
/// Reads and writes Kibana's rule <c>_export</c> format: one JSON object per line, rules first,
/// then exception lists and their items, then one export-summary line. Kibana's <c>_import</c>
/// ignores the summary, and so does this reader; exception lists and items are skipped.
/// </summary>
public static class KibanaNdjson
{
    /// <summary>A key given twice is an error, as Kibana's import rejects it; the default would throw on first use.</summary>
    private static readonly JsonDocumentOptions ParseOptions = new() { AllowDuplicateProperties = false };

    /// <summary>Reads every rule of an NDJSON export, or of a single rule JSON object, from <paramref name="text"/>.</summary>
    /// <param name="text">The file content.</param>
    /// <param name="file">The file path, for errors.</param>
    /// <returns>The rules that read without errors, and the errors, each naming the line and the JSON path.</returns>
    public static RuleLoadResult Read(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);

        var rules = new List<DetectionRule>();
        var errors = new List<RuleLoadError>();
        var lines = IsSingleObject(text) ? [text] : text.Split('\n');

        for (var index = 0; index < lines.Length; index++)
        {
            ReadLine(lines[index], file, index + 1, rules, errors);
        }

        return new RuleLoadResult(rules, errors) { FileCount = 1 };
    }

    /// <summary>
    /// Returns the rules as an <c>_export</c> file: one rule per line and a final export-summary line
    /// with the counts Kibana writes.
    /// </summary>
    public static string Write(IEnumerable<DetectionRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);

        var output = new StringBuilder();
        var count = 0;
        foreach (var rule in rules)
        {
            output.Append(KibanaRuleJson.Write(rule).ToJsonString()).Append('\n');
            count++;
        }

        output.Append(Summary(count).ToJsonString()).Append('\n');
        return output.ToString();
    }

    /// <summary>A pretty-printed single rule JSON file spans many lines; an export has one object per line.</summary>
    internal static bool IsSingleObject(string text)
    {
        var trimmed = text.Trim();
        return trimmed.StartsWith('{') && trimmed.Contains('\n', StringComparison.Ordinal) && trimmed.Split('\n')[0].Trim() == "{";
    }

    private static void ReadLine(string line, string file, int lineNumber, List<DetectionRule> rules, List<RuleLoadError> errors)
    {
        if (line.Trim().Length == 0)
        {
            return;
        }

        if (LoneSurrogateError(line, file, lineNumber) is { } surrogate)
        {
            errors.Add(surrogate);
            return;
        }

        JsonObject json;
        try
        {
            json = JsonNode.Parse(line, documentOptions: ParseOptions) as JsonObject ?? throw new JsonException("expected a JSON object");
        }
        catch (JsonException e)
        {
            errors.Add(InvalidJson(e, line, file, lineNumber));
            return;
        }

        if (!IsRule(json))
        {
            return;
        }

        if (KibanaRuleReader.TryRead(json, file, lineNumber, location: null, out var rule, out var ruleErrors))
        {
            rules.Add(rule!);
        }

        errors.AddRange(ruleErrors.Select(error => error with { Line = lineNumber }));
    }

    /// <summary>
    /// Returns the error for a line that does not parse, at its position in the file.
    /// System.Text.Json counts lines and bytes from 0 within the export line, and gives no position
    /// for a repeated key, so that one is looked up.
    /// </summary>
    private static RuleLoadError InvalidJson(JsonException exception, string line, string file, int lineNumber)
    {
        const string Fix = "each line of an export must be one JSON object with each key once";
        var message = $"invalid JSON: {JsonErrors.Describe(exception)}; {Fix}";
        if (exception.LineNumber is null && RepeatedJsonKey.Find(line) is { } repeated)
        {
            return new RuleLoadError(file, lineNumber + repeated.Line - 1, repeated.Byte, message);
        }

        int? column = exception.BytePositionInLine is { } offset ? (int)offset + 1 : null;
        return new RuleLoadError(file, lineNumber + (int)(exception.LineNumber ?? 0), column, message);
    }

    /// <summary>
    /// Returns an error for a <c>\uD800</c> to <c>\uDFFF</c> escape that is not half of a pair: it
    /// stands for no character, .NET cannot read the string, and the TOML loader rejects one too.
    /// </summary>
    private static RuleLoadError? LoneSurrogateError(string text, string file, int firstLine)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var index = LoneSurrogates.FirstIndex(utf8);
        if (index < 0)
        {
            return null;
        }

        var before = Encoding.UTF8.GetString(utf8, 0, index);
        var lineStart = before.LastIndexOf('\n') + 1;
        var escape = Encoding.UTF8.GetString(utf8, index, 6);
        return new RuleLoadError(
            file,
            firstLine + before.Count(c => c == '\n'),
            before.Length - lineStart + 1,
            $"invalid JSON: {escape} is half of a UTF-16 surrogate pair without its other half, so it stands for no character; write the character itself or remove the escape");
    }

    /// <summary>The summary has <c>exported_count</c>; exception lists and items have <c>list_id</c>.</summary>
    private static bool IsRule(JsonObject json) =>
        !json.ContainsKey("exported_count") && !json.ContainsKey("list_id") && !json.ContainsKey("item_id");

    private static JsonObject Summary(int rules) => new()
    {
        ["exported_count"] = rules,
        ["exported_rules_count"] = rules,
        ["missing_rules"] = new JsonArray(),
        ["missing_rules_count"] = 0,
        ["exported_exception_list_count"] = 0,
        ["exported_exception_list_item_count"] = 0,
        ["missing_exception_list_item_count"] = 0,
        ["missing_exception_list_items"] = new JsonArray(),
        ["missing_exception_lists"] = new JsonArray(),
        ["missing_exception_lists_count"] = 0,
        ["exported_action_connector_count"] = 0,
        ["missing_action_connection_count"] = 0,
        ["missing_action_connections"] = new JsonArray(),
        ["excluded_action_connection_count"] = 0,
        ["excluded_action_connections"] = new JsonArray(),
    };
}
