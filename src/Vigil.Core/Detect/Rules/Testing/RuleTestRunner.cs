using Vigil.Hunt;
using Vigil.Read;

namespace Vigil.Detect.Rules.Testing;

/// <summary>
/// Runs the test cases stored beside rules. The cases of rule file <c>name.toml</c> live in the
/// folder <c>name.tests/</c> next to it, one subfolder per case: CloudTrail event files in any
/// format the hunt reads, in the case folder or in folders under it, and <c>expected.json</c> with the alert count, such as
/// <c>{"alerts": 1}</c> for a true positive and <c>{"alerts": 0}</c> for a true negative. In a
/// Kibana export with several rules, a case runs each rule, unless its <c>expected.json</c> names
/// one with <c>"rule_id"</c>.
/// </summary>
public static class RuleTestRunner
{
    /// <summary>The file of a case folder that contains the expected result.</summary>
    public const string ExpectedFile = ExpectedResult.FileName;

    /// <summary>The suffix of the folder that contains a rule's test cases.</summary>
    public const string TestsFolderSuffix = ".tests";

    /// <summary>
    /// Loads the rules under <paramref name="paths"/> and runs every case found beside them. A rule
    /// that fails to load adds a failed case naming its load errors.
    /// </summary>
    public static IReadOnlyList<RuleTestCase> Run(IEnumerable<string> paths) => RunAll(paths).Cases;

    /// <summary>
    /// Runs the cases as <see cref="Run"/> does, and also returns each rule file that has no case,
    /// with the folder its cases belong in and a hint when a folder beside it looks misspelled.
    /// </summary>
    public static RuleTestReport RunAll(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);

        var (rulePaths, selections, pathErrors) = Select(paths);
        var loaded = Validation.RuleWindowCheck.RejectInvalid(RuleLoader.LoadPaths(rulePaths));
        var results = loaded.Errors.Select(error => new RuleTestCase(error.File, error.File, -1, 0, error.ToString())).ToList();
        results.AddRange(pathErrors);
        var withoutCases = new List<string>();
        foreach (var file in loaded.Rules.Where(rule => rule.SourcePath is not null).GroupBy(rule => rule.SourcePath!, StringComparer.Ordinal))
        {
            var testsFolder = TestsFolder(file.Key);
            var folders = Directory.Exists(testsFolder)
                ? Directory.GetDirectories(testsFolder).Order(StringComparer.Ordinal).ToList()
                : [];
            if (folders.Count == 0)
            {
                withoutCases.Add(NoCases(file.Key, testsFolder));
            }

            folders = SelectedCases(folders, selections.Where(selection => selection.RuleFile == file.Key).ToList());
            results.AddRange(folders.SelectMany(folder => RunFolder([.. file], file.Key, folder)));
        }

        return new RuleTestReport(results, withoutCases);
    }

    /// <summary>
    /// Splits the paths into the rule paths to load and the case selections of paths inside a
    /// tests folder, whose rule files are loaded too. A path inside a tests folder without a rule
    /// file beside it, or a missing case folder, becomes a failed case with the reason.
    /// </summary>
    private static (List<string> RulePaths, List<TestCasePath> Selections, List<RuleTestCase> Errors) Select(IEnumerable<string> paths)
    {
        var rulePaths = new List<string>();
        var selections = new List<TestCasePath>();
        var errors = new List<RuleTestCase>();
        foreach (var path in paths)
        {
            if (TestCasePath.Parse(path, out var error) is { } selection)
            {
                selections.Add(selection);
                rulePaths.Add(selection.RuleFile);
            }
            else if (error is not null)
            {
                errors.Add(new RuleTestCase(path, path, -1, 0, error));
            }
            else
            {
                rulePaths.Add(path);
            }
        }

        return (rulePaths, selections, errors);
    }

    /// <summary>Returns the case folders that the selections of one rule file name, or all of them when none names one case.</summary>
    private static List<string> SelectedCases(List<string> folders, List<TestCasePath> selections)
    {
        if (selections.Count == 0 || selections.Any(selection => selection.CaseFolder is null))
        {
            return folders;
        }

        var named = selections.Select(selection => Path.GetFullPath(selection.CaseFolder!)).ToHashSet(StringComparer.Ordinal);
        return [.. folders.Where(folder => named.Contains(Path.GetFullPath(folder)))];
    }

    private static string TestsFolder(string ruleFile) =>
        Path.Combine(Path.GetDirectoryName(ruleFile) ?? ".", Path.GetFileNameWithoutExtension(ruleFile) + TestsFolderSuffix);

    private static string NoCases(string ruleFile, string testsFolder)
    {
        var hint = TestsFolderHint.Find(ruleFile, testsFolder) is { } found ? $"; {found}" : "";
        return $"{ruleFile}: no test cases: add {testsFolder}/CASE/ with CloudTrail event files and {ExpectedFile}{hint}";
    }

    /// <summary>Runs one case folder with each rule of the file it applies to.</summary>
    private static IEnumerable<RuleTestCase> RunFolder(IReadOnlyList<DetectionRule> rules, string ruleFile, string folder)
    {
        if (ExpectedResult.Read(folder, out var error) is not { } expected)
        {
            return [Named(new RuleTestCase(ruleFile, folder, -1, 0, error), rules)];
        }

        var selected = expected.RuleId is { } ruleId
            ? rules.Where(rule => rule.RuleId == ruleId).ToList()
            : rules;
        if (selected.Count == 0)
        {
            var ids = string.Join(", ", rules.Select(rule => rule.RuleId).Distinct(StringComparer.Ordinal));
            var message = $"{ExpectedFile} names rule_id {expected.RuleId}, which {ruleFile} does not contain; use one of {ids}";
            return [Named(new RuleTestCase(ruleFile, folder, expected.Alerts, 0, message), rules)];
        }

        return selected.Select(rule => RunCase(rule, folder, expected.Alerts) with { RuleId = rule.RuleId, RuleName = rule.Name });
    }

    /// <summary>Names the rule in a case that did not run, when the file has only one.</summary>
    private static RuleTestCase Named(RuleTestCase result, IReadOnlyList<DetectionRule> rules) =>
        rules is [var rule] ? result with { RuleId = rule.RuleId, RuleName = rule.Name } : result;

    private static RuleTestCase RunCase(DetectionRule rule, string folder, int expected)
    {
        var ruleFile = rule.SourcePath!;

        // Subfolders are read as a hunt reads a folder. Only the case's own expected.json is not an event file.
        var expectedPath = Path.GetFullPath(Path.Combine(folder, ExpectedFile));
        var events = PathExpansion.Expand([folder])
            .Where(file => !Path.GetFullPath(file).Equals(expectedPath, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (events.Count == 0)
        {
            return new RuleTestCase(ruleFile, folder, expected, 0, "no event files: add CloudTrail records (JSON or NDJSON) beside expected.json or in a folder under it");
        }

        var failures = new FailureListener();
        var summary = new HuntEngine([rule]).Run(new HuntOptions(events), new CountingSink(), failures);
        if (summary.RulesSkipped is [var skipped, ..])
        {
            return new RuleTestCase(ruleFile, folder, expected, 0, null, $"the hunt does not run this rule: {skipped.Reason}");
        }

        var notRead = failures.NotCloudTrail.Select(file => Path.GetRelativePath(folder, file)).ToList();
        return new RuleTestCase(ruleFile, folder, expected, summary.Alerts, Problem(summary, failures, events)) { NotRead = notRead };
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

    private sealed class FailureListener : IHuntListener
    {
        private readonly SortedSet<string> _notCloudTrail = new(StringComparer.Ordinal);

        public ReadItem? First { get; private set; }

        /// <summary>The files skipped as not CloudTrail JSON, such as a stray notes.txt.</summary>
        public IReadOnlyCollection<string> NotCloudTrail => _notCloudTrail;

        public void RecordFailed(ReadItem failure) => First ??= failure;

        public void SkippedNotCloudTrail(ReadItem skip) => _notCloudTrail.Add(skip.File);
    }

    private sealed class CountingSink : IAlertSink
    {
        public void Write(DetectionRule rule, ReadOnlySpan<byte> alert)
        {
        }
    }
}
