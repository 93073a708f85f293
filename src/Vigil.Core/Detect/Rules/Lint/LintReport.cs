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
    /// finding id and one result per finding, located at the file's line and column. Each of
    /// <paramref name="skippedFiles"/> is a tool execution notification, not a result, because the
    /// SARIF 2.1.0 schema defines a notification as a condition of the tool itself, as opposed to one
    /// of a file it analysed.
    /// </summary>
    public static string ToSarif(IEnumerable<LintFinding> findings, IReadOnlyList<LintFinding>? skippedFiles = null)
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
                    ["rules"] = DescriptorsOf(list),
                },
            },
            ["results"] = new JsonArray(list.Select(finding => (JsonNode?)SarifResult(finding)).ToArray()),
        };
        if (skippedFiles is { Count: > 0 })
        {
            // A notification's descriptor refers to the driver's notifications, as a result's ruleId to its rules.
            run["tool"]!["driver"]!["notifications"] = DescriptorsOf(skippedFiles);
            run["invocations"] = new JsonArray(SarifInvocation(skippedFiles));
        }

        var log = new JsonObject
        {
            ["$schema"] = SarifSchema,
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(run),
        };
        return log.ToJsonString(Indented);
    }

    /// <summary>Returns one reporting descriptor per distinct finding id, in id order.</summary>
    private static JsonArray DescriptorsOf(IEnumerable<LintFinding> findings) =>
        new(findings.Select(finding => finding.Id).Distinct().Order(StringComparer.Ordinal)
            .Select(id => (JsonNode?)new JsonObject { ["id"] = id }).ToArray());

    private static JsonObject SarifResult(LintFinding finding) => new()
    {
        ["ruleId"] = finding.Id,
        ["level"] = SarifLevel(finding.Severity),
        ["message"] = new JsonObject { ["text"] = SarifText(finding) },
        ["locations"] = new JsonArray(SarifLocation(finding)),
        ["properties"] = new JsonObject { ["rule_id"] = finding.RuleId, ["rule_name"] = finding.RuleName, ["query_offset"] = finding.QueryOffset },
    };

    /// <summary>
    /// Returns the run's invocation, whose <c>toolExecutionNotifications</c> name the files the
    /// tool skipped. The lint still completed, so <c>executionSuccessful</c> is true.
    /// </summary>
    private static JsonObject SarifInvocation(IReadOnlyList<LintFinding> skippedFiles) => new()
    {
        ["executionSuccessful"] = true,
        ["toolExecutionNotifications"] = new JsonArray(skippedFiles.Select(skipped => (JsonNode?)new JsonObject
        {
            ["descriptor"] = new JsonObject { ["id"] = skipped.Id },
            ["level"] = SarifLevel(skipped.Severity),
            ["message"] = new JsonObject { ["text"] = SarifText(skipped) },
            ["locations"] = new JsonArray(SarifLocation(skipped)),
        }).ToArray()),
    };

    private static JsonObject SarifLocation(LintFinding finding)
    {
        var location = new JsonObject
        {
            ["artifactLocation"] = new JsonObject { ["uri"] = RelativeUri(finding.File) },
        };
        if (finding.Line is { } line)
        {
            location["region"] = new JsonObject { ["startLine"] = line, ["startColumn"] = finding.Column ?? 1 };
        }

        return new JsonObject { ["physicalLocation"] = location };
    }

    private static string SarifText(LintFinding finding) =>
        finding.Fix is null ? finding.Message : $"{LintFinding.Sentence(finding.Message)} Fix: {finding.Fix}";

    private static string SarifLevel(LintSeverity severity) => severity switch
    {
        LintSeverity.Error => "error",
        LintSeverity.Warning => "warning",
        _ => "note",
    };

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
