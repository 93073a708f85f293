using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Detect.Rules.Lint;

/// <summary>Writes lint findings as JSON or as a SARIF 2.1.0 log for code-scanning tools.</summary>
public static class LintReport
{
    private const string SarifSchema = "https://json.schemastore.org/sarif-2.1.0.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Returns the findings as a JSON array of objects with snake-case keys.</summary>
    public static string ToJson(IEnumerable<LintFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);

        var array = new JsonArray(findings.Select(finding => (JsonNode?)new JsonObject
        {
            ["id"] = finding.Id,
            ["severity"] = SeverityName(finding.Severity),
            ["rule_id"] = finding.RuleId,
            ["rule_name"] = finding.RuleName,
            ["file"] = finding.File,
            ["line"] = finding.Line,
            ["column"] = finding.Column,
            ["query_offset"] = finding.QueryOffset,
            ["message"] = finding.Message,
            ["fix"] = finding.Fix,
        }).ToArray());
        return array.ToJsonString(Indented);
    }

    /// <summary>
    /// Returns a SARIF 2.1.0 log with one run of the tool <c>vigil</c>: a reporting descriptor per
    /// finding id and one result per finding, located at the file's line and column.
    /// </summary>
    public static string ToSarif(IEnumerable<LintFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);

        var list = findings.ToList();
        var run = new JsonObject
        {
            ["tool"] = new JsonObject
            {
                ["driver"] = new JsonObject
                {
                    ["name"] = "vigil",
                    ["rules"] = new JsonArray(list.Select(finding => finding.Id).Distinct().Order(StringComparer.Ordinal)
                        .Select(id => (JsonNode?)new JsonObject { ["id"] = id }).ToArray()),
                },
            },
            ["results"] = new JsonArray(list.Select(finding => (JsonNode?)SarifResult(finding)).ToArray()),
        };

        var log = new JsonObject
        {
            ["$schema"] = SarifSchema,
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(run),
        };
        return log.ToJsonString(Indented);
    }

    private static JsonObject SarifResult(LintFinding finding)
    {
        var location = new JsonObject
        {
            ["artifactLocation"] = new JsonObject { ["uri"] = RelativeUri(finding.File) },
        };
        if (finding.Line is { } line)
        {
            location["region"] = new JsonObject { ["startLine"] = line, ["startColumn"] = finding.Column ?? 1 };
        }

        var text = finding.Fix is null ? finding.Message : $"{LintFinding.Sentence(finding.Message)} Fix: {finding.Fix}";
        return new JsonObject
        {
            ["ruleId"] = finding.Id,
            ["level"] = finding.Severity switch
            {
                LintSeverity.Error => "error",
                LintSeverity.Warning => "warning",
                _ => "note",
            },
            ["message"] = new JsonObject { ["text"] = text },
            ["locations"] = new JsonArray(new JsonObject { ["physicalLocation"] = location }),
            ["properties"] = new JsonObject { ["rule_id"] = finding.RuleId, ["rule_name"] = finding.RuleName, ["query_offset"] = finding.QueryOffset },
        };
    }

    private static string SeverityName(LintSeverity severity) => severity.ToString().ToLowerInvariant();

    /// <summary>
    /// SARIF wants a URI reference: the path relative to the working folder, with forward slashes and
    /// each segment percent-encoded, so a space, <c>#</c> or <c>%</c> in a file name stays part of it.
    /// </summary>
    private static string RelativeUri(string file)
    {
        var relative = Path.IsPathRooted(file) ? Path.GetRelativePath(Environment.CurrentDirectory, file) : file;
        return string.Join('/', relative.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));
    }
}
