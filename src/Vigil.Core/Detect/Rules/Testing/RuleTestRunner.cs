using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Hunt;
using Vigil.Read;

namespace Vigil.Detect.Rules.Testing;

/// <summary>
/// Runs the test cases stored beside rules. The cases of rule file <c>name.toml</c> live in the
/// folder <c>name.tests/</c> next to it, one subfolder per case: CloudTrail event files in any
/// format the hunt reads, and <c>expected.json</c> with the alert count, such as
/// <c>{"alerts": 1}</c> for a true positive and <c>{"alerts": 0}</c> for a true negative.
/// </summary>
public static class RuleTestRunner
{
    /// <summary>The file of a case folder that contains the expected result.</summary>
    public const string ExpectedFile = "expected.json";

    /// <summary>The suffix of the folder that contains a rule's test cases.</summary>
    public const string TestsFolderSuffix = ".tests";

    /// <summary>
    /// Loads the rules under <paramref name="paths"/> and runs every case found beside them. A rule
    /// that fails to load adds a failed case naming its load errors.
    /// </summary>
    public static IReadOnlyList<RuleTestCase> Run(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);

        var loaded = RuleLoader.LoadPaths(paths);
        var results = loaded.Errors.Select(error => new RuleTestCase(error.File, error.File, -1, 0, error.ToString())).ToList();
        foreach (var rule in loaded.Rules.Where(rule => rule.SourcePath is not null))
        {
            results.AddRange(CaseFolders(rule.SourcePath!).Select(folder => RunCase(rule, folder)));
        }

        return results;
    }

    private static IEnumerable<string> CaseFolders(string ruleFile)
    {
        var folder = Path.Combine(Path.GetDirectoryName(ruleFile) ?? ".", Path.GetFileNameWithoutExtension(ruleFile) + TestsFolderSuffix);
        return Directory.Exists(folder)
            ? Directory.GetDirectories(folder).Order(StringComparer.Ordinal)
            : [];
    }

    private static RuleTestCase RunCase(DetectionRule rule, string folder)
    {
        var ruleFile = rule.SourcePath!;
        if (!TryReadExpected(folder, out var expected, out var error))
        {
            return new RuleTestCase(ruleFile, folder, -1, 0, error);
        }

        var events = Directory.GetFiles(folder)
            .Where(file => !Path.GetFileName(file).Equals(ExpectedFile, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (events.Count == 0)
        {
            return new RuleTestCase(ruleFile, folder, expected, 0, "no event files: add CloudTrail records (JSON or NDJSON) beside expected.json");
        }

        var failures = new FailureListener();
        var summary = new HuntEngine([rule]).Run(new HuntOptions(events), new CountingSink(), failures);
        if (summary.RulesSkipped is [var skipped, ..])
        {
            return new RuleTestCase(ruleFile, folder, expected, 0, null, $"the hunt does not run this rule: {skipped.Reason}");
        }

        return new RuleTestCase(ruleFile, folder, expected, summary.Alerts, Problem(summary, failures, events));
    }

    /// <summary>A case whose events could not all be read proves nothing, even when the count matches.</summary>
    private static string? Problem(HuntSummary summary, FailureListener failures, IReadOnlyList<string> events)
    {
        if (failures.First is { } first)
        {
            return $"{Plural(summary.Errors, "event record")} or files could not be read, first {first.File} at {first.Location}: {first.Reason}; fix the event files";
        }

        if (summary.Events > 0)
        {
            return null;
        }

        var skipped = summary.SkippedByReason.Keys.FirstOrDefault();
        return $"no CloudTrail records read from {string.Join(", ", events.Select(Path.GetFileName))}"
            + (skipped is null ? "" : $" ({skipped})")
            + "; add CloudTrail records as JSON or NDJSON";
    }

    private static string Plural(long count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static bool TryReadExpected(string folder, out int alerts, out string? error)
    {
        alerts = -1;
        error = null;
        var path = Path.Combine(folder, ExpectedFile);
        if (!File.Exists(path))
        {
            error = $"missing {ExpectedFile}: add the alerts the case expects, such as {{\"alerts\": 1}}";
            return false;
        }

        try
        {
            if (JsonNode.Parse(File.ReadAllText(path))?["alerts"] is JsonValue value && value.TryGetValue<int>(out alerts) && alerts >= 0)
            {
                return true;
            }
        }
        catch (JsonException e)
        {
            var position = e.LineNumber is { } line ? $" at line {line + 1}, byte {e.BytePositionInLine + 1}" : "";
            error = $"{path}: invalid JSON{position}: {Read.JsonErrors.Describe(e)}; write an object such as {{\"alerts\": 1}}";
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"{path}: {e.Message}";
            return false;
        }

        error = $"{path}: expected an object with a non-negative integer \"alerts\", such as {{\"alerts\": 1}}";
        return false;
    }

    private sealed class FailureListener : IHuntListener
    {
        public ReadItem? First { get; private set; }

        public void RecordFailed(ReadItem failure) => First ??= failure;
    }

    private sealed class CountingSink : IAlertSink
    {
        public void Write(DetectionRule rule, ReadOnlySpan<byte> alert)
        {
        }
    }
}
