using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Detect.Rules.Lint;
using Vigil.Read;

namespace Vigil.Detect.Rules.Testing;

/// <summary>
/// The <c>expected.json</c> of a rule test case: the alert count, and the <c>rule_id</c> the case
/// is for when the rule file is an export with several rules.
/// </summary>
/// <param name="Alerts">The number of alerts the case expects.</param>
/// <param name="RuleId">The rule the case is for, or null for every rule of the file.</param>
internal sealed record ExpectedResult(int Alerts, string? RuleId)
{
    /// <summary>The file of a case folder that contains the expected result.</summary>
    public const string FileName = "expected.json";

    private const string AlertsKey = "alerts";

    private const string RuleIdKey = "rule_id";

    private static readonly string[] Keys = [AlertsKey, RuleIdKey];

    private const string Example = "{\"alerts\": 1}";

    // Without this, a repeated key throws ArgumentException on the first lookup, not JsonException.
    private static readonly JsonDocumentOptions ParseOptions = new() { AllowDuplicateProperties = false };

    /// <summary>Reads the <c>expected.json</c> of <paramref name="folder"/>, or sets <paramref name="error"/> to what is wrong and how to fix it.</summary>
    public static ExpectedResult? Read(string folder, out string? error)
    {
        error = null;
        var path = Path.Combine(folder, FileName);
        if (Directory.Exists(path))
        {
            error = $"{path} is a folder, not a file; replace it with a file such as {Example}";
            return null;
        }

        if (!File.Exists(path))
        {
            error = $"missing {FileName}: add the alerts the case expects, such as {Example}";
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"{path}: {e.Message}";
            return null;
        }

        try
        {
            return Parse(path, JsonNode.Parse(text, documentOptions: ParseOptions), out error);
        }
        catch (JsonException) when (RepeatedJsonKey.Find(text) is { } repeated)
        {
            error = $"{path}: invalid JSON at line {repeated.Line}, byte {repeated.Byte}: {repeated.Describe()}; give each key once, such as {Example}";
            return null;
        }
        catch (JsonException e)
        {
            var position = e.LineNumber is { } line ? $" at line {line + 1}, byte {e.BytePositionInLine + 1}" : "";
            error = $"{path}: invalid JSON{position}: {JsonErrors.Describe(e)}; write an object such as {Example}";
            return null;
        }
    }

    private static ExpectedResult? Parse(string path, JsonNode? json, out string? error)
    {
        error = null;
        if (json is not JsonObject fields)
        {
            error = $"{path}: expected an object with a non-negative integer \"{AlertsKey}\", such as {Example}";
            return null;
        }

        // A misspelled key would otherwise be ignored, and the case would check something else than written.
        if (fields.Select(field => field.Key).FirstOrDefault(key => !Keys.Contains(key, StringComparer.Ordinal)) is { } unknown)
        {
            var nearest = EditDistance.Nearest(unknown, Keys);
            var fix = nearest.Count > 0 ? $"did you mean \"{nearest[0]}\"?" : "remove it";
            error = $"{path}: unknown key \"{unknown}\": {FileName} contains \"{AlertsKey}\" and optionally \"{RuleIdKey}\"; {fix}";
            return null;
        }

        if (fields[AlertsKey] is not JsonValue count || !count.TryGetValue<int>(out var alerts) || alerts < 0)
        {
            error = $"{path}: expected an object with a non-negative integer \"{AlertsKey}\", such as {Example}";
            return null;
        }

        string? ruleId = null;
        if (fields.ContainsKey(RuleIdKey)
            && (fields[RuleIdKey] is not JsonValue id || !id.TryGetValue(out ruleId) || ruleId.Length == 0))
        {
            error = $"{path}: invalid \"{RuleIdKey}\": expected the rule_id of a rule in the file as a string, such as {{\"alerts\": 1, \"rule_id\": \"...\"}}";
            return null;
        }

        return new ExpectedResult(alerts, ruleId);
    }
}
