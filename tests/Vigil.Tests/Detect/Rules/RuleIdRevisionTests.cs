using System.Text.Json.Nodes;
using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Formats;
using Vigil.Detect.Rules.Lint;
using Vigil.Detect.Rules.Validation;
using Vigil.Hunt;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detect.Rules;

/// <summary>Files sharing a rule_id: the same revision is a duplicate error, other revisions are history.</summary>
public class RuleIdRevisionTests
{
    private const string RuleText = """
        [metadata]
        creation_date = "2024/01/01"
        UPDATED

        [rule]
        rule_id = "shared-rule-id"
        name = "Test rule"
        description = "A test rule."
        type = "query"
        severity = "low"
        risk_score = 21
        index = ["logs-aws.cloudtrail-*"]
        language = "kuery"
        VERSION
        query = '''
        event.action:CreateUser
        '''
        """;

    [Fact]
    public void SameUpdateDateIsError()
    {
        using var folder = new TempDirectory();
        Write(folder, "a.toml", updated: "2024/05/01");
        var second = Write(folder, "b.toml", updated: "2024/05/01");

        var result = RuleValidator.ValidatePaths([folder.Path]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(second, error.File);
        Assert.Contains("duplicate rule_id \"shared-rule-id\" (updated 2024/05/01)", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void NoRevisionInfoIsError()
    {
        using var folder = new TempDirectory();
        Write(folder, "a.toml");
        Write(folder, "b.toml");

        Assert.Single(RuleValidator.ValidatePaths([folder.Path]).Errors);
    }

    [Fact]
    public void DuplicateIsNotValid()
    {
        using var folder = new TempDirectory();
        var first = Write(folder, "a.toml");
        Write(folder, "b.toml");

        var valid = Assert.Single(RuleValidator.ValidatePaths([folder.Path]).Rules);

        Assert.Equal(first, valid.SourcePath);
    }

    [Fact]
    public void OtherUpdateDateIsHistory()
    {
        using var folder = new TempDirectory();
        var older = Write(folder, "old.toml", updated: "2023/10/24");
        Write(folder, "new.toml", updated: "2024/05/21");

        var result = RuleValidator.ValidatePaths([folder.Path]);

        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Rules.Count);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(older, warning.File);
        Assert.Contains("(updated 2023/10/24) is an older revision of", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherVersionIsHistory()
    {
        using var folder = new TempDirectory();
        Write(folder, "a.toml", version: 3);
        var older = Write(folder, "b.toml", version: 2);

        var result = RuleValidator.ValidatePaths([folder.Path]);

        // Neither file has [metadata] dates, so each also gets that warning.
        var revisionWarnings = result.Warnings.Where(warning => !warning.Message.Contains("missing [metadata]", StringComparison.Ordinal));
        Assert.Empty(result.Errors);
        Assert.Equal(older, Assert.Single(revisionWarnings).File);
    }

    [Fact]
    public void SameVersionInExportIsError()
    {
        using var folder = new TempDirectory();
        var rule = KibanaRuleJson.Write(LintRules.FromQuery("event.action:CreateUser"));
        var export = Path.Combine(folder.Path, "export.ndjson");
        File.WriteAllLines(export, [rule.ToJsonString(), rule.ToJsonString()]);

        var error = Assert.Single(RuleValidator.ValidatePaths([export]).Errors);

        Assert.Contains("duplicate rule_id", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{export}(1) in the same file has the same rule_id", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 1)]
    public void OtherVersionInExportIsError(int firstVersion, int secondVersion)
    {
        var export = ExportOfVersions(firstVersion, secondVersion, out var folder);
        using var _ = folder;

        var result = RuleValidator.ValidatePaths([export]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Line);
        Assert.Contains($"(version {secondVersion}): {export}(1) in the same file has the same rule_id", error.Message, StringComparison.Ordinal);
        Assert.Contains("More than one rule with rule-id", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(RuleIdConflicts.RepeatFix, error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Warnings);
        Assert.Single(result.Rules);
    }

    [Fact]
    public void OtherVersionInExportIsLintError()
    {
        var export = ExportOfVersions(1, 2, out var folder);
        using var _ = folder;

        var finding = Assert.Single(RuleLinter.LintSet(RuleLoader.LoadPaths([export]).Rules));

        Assert.Equal(LintIds.DuplicateRuleId, finding.Id);
        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal(2, finding.Line);
        Assert.Equal(RuleIdConflicts.RepeatFix, finding.Fix);
    }

    [Fact]
    public void OtherVersionInExportRunsNewest()
    {
        var export = ExportOfVersions(2, 1, out var folder);
        using var _ = folder;

        var (rules, superseded) = NewestRevisions.Select(RuleLoader.LoadPaths([export]).Rules);

        Assert.Equal(2, Assert.Single(rules).Version);
        var skipped = Assert.Single(superseded);
        Assert.Equal(2, skipped.Rule.SourceLine);
        Assert.Equal("remove the older revision from the file", skipped.Fix);
    }

    [Fact]
    public void SameVersionLaterUpdatedAtIsHistory()
    {
        // An edited prebuilt rule keeps its version, and Kibana's updated_at then separates the revisions.
        using var folder = new TempDirectory();
        var rule = KibanaRuleJson.Write(LintRules.FromQuery("event.action:CreateUser"));
        rule["version"] = 3;
        rule["updated_at"] = "2025-01-01T00:00:00.000Z";
        var later = (JsonObject)rule.DeepClone();
        later["updated_at"] = "2025-06-01T00:00:00.000Z";
        var older = Path.Combine(folder.Path, "k1.ndjson");
        var newer = Path.Combine(folder.Path, "k2.ndjson");
        File.WriteAllText(older, rule.ToJsonString() + "\n");
        File.WriteAllText(newer, later.ToJsonString() + "\n");

        var result = RuleValidator.ValidatePaths([folder.Path]);

        Assert.Empty(result.Errors);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(older, warning.File);
        Assert.Contains($"is an older revision of {newer}", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CircularOrderIsUndecided()
    {
        // a (version 2) beats b (version 1), b beats c by date and c beats a by date. a runs, being
        // first in path order, and c must not be called older than a for a reason that states the opposite.
        using var folder = new TempDirectory();
        Write(folder, "a.toml", updated: "2024/01/01", version: 2);
        Write(folder, "b.toml", updated: "2025/01/01", version: 1);
        var c = Write(folder, "c.toml", updated: "2024/06/01");

        var warnings = RuleValidator.ValidatePaths([folder.Path]).Warnings;

        var warning = Assert.Single(warnings, warning => warning.File == c);
        Assert.DoesNotContain("is an older revision", warning.Message, StringComparison.Ordinal);
        Assert.Contains("do not decide which revision is newer", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LaterUpdateBeatsOneSidedVersion()
    {
        using var folder = new TempDirectory();
        var rule = KibanaRuleJson.Write(LintRules.FromQuery("event.action:CreateUser"));
        rule["rule_id"] = "shared-rule-id";
        rule["version"] = 5;
        rule["updated_at"] = "2025-01-01T00:00:00.000Z";
        var export = Path.Combine(folder.Path, "a.ndjson");
        File.WriteAllText(export, rule.ToJsonString() + "\n");
        var toml = Write(folder, "b.toml", updated: "2026/01/01");

        var result = RuleValidator.ValidatePaths([folder.Path]);

        var warning = Assert.Single(result.Warnings);
        Assert.Equal(export, warning.File);
        Assert.Contains($"is an older revision of {toml} (updated 2026/01/01), because updated 2026/01/01 is later than 2025-01-01T00:00:00.000Z", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VersionBeatsLaterUpdate()
    {
        using var folder = new TempDirectory();
        var older = Write(folder, "a.toml", updated: "2026/01/01", version: 2);
        var newer = Write(folder, "b.toml", updated: "2024/01/01", version: 3);

        var warning = Assert.Single(RuleValidator.ValidatePaths([folder.Path]).Warnings);

        Assert.Equal(older, warning.File);
        Assert.Contains($"is an older revision of {newer} (version 3, updated 2024/01/01), because version 3 is higher than 2", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SameDayIsUndecided()
    {
        using var folder = new TempDirectory();
        var rule = KibanaRuleJson.Write(LintRules.FromQuery("event.action:CreateUser"));
        rule["rule_id"] = "shared-rule-id";
        rule["updated_at"] = "2026-01-01T15:00:00.000Z";
        var export = Path.Combine(folder.Path, "b.ndjson");
        File.WriteAllText(export, rule.ToJsonString() + "\n");
        var toml = Write(folder, "a.toml", updated: "2026/01/01");

        var warning = Assert.Single(RuleValidator.ValidatePaths([folder.Path]).Warnings);

        Assert.Equal(export, warning.File);
        Assert.Contains($"is also the rule_id of {toml} (updated 2026/01/01), and their version and update date do not decide which revision is newer", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NewestWinsOverAllRevisions()
    {
        using var folder = new TempDirectory();
        Write(folder, "a.toml", updated: "2025/06/01");
        Write(folder, "b.toml", updated: "2024/01/01");
        var newest = Write(folder, "c.toml", updated: "2026/01/01");

        var warnings = RuleValidator.ValidatePaths([folder.Path]).Warnings;

        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, warning => Assert.Contains($"is an older revision of {newest} (updated 2026/01/01), because updated 2026/01/01 is later than", warning.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void SharedIdOtherRuleIdIsError()
    {
        using var folder = new TempDirectory();
        var export = Path.Combine(folder.Path, "export.ndjson");
        File.WriteAllLines(export, Enumerable.Range(0, 3).Select(i => CopyWithRuleId($"good-{i}", $"Good {i}").ToJsonString()));

        var loaded = RuleLoader.LoadPaths([export]);
        var validated = RuleValidator.ValidatePaths([export]);

        Assert.Equal("good-0", Assert.Single(loaded.Rules).RuleId);
        Assert.Equal([2, 3], loaded.Errors.Select(error => error.Line));
        Assert.StartsWith("rule good-1 (Good 1) not loaded: its id ", loaded.Errors[0].Message, StringComparison.Ordinal);
        Assert.All(loaded.Errors, error => Assert.Contains($"is already the id of rule good-0 (Good 0) in {export}(1); give each rule its own id, or remove id", error.Message, StringComparison.Ordinal));
        Assert.Equal(3, validated.RuleCount);
        Assert.Equal(2, validated.Errors.Count);
        Assert.Single(validated.Rules);
    }

    [Fact]
    public void SharedIdErrorNamesRule()
    {
        using var folder = new TempDirectory();
        var export = Path.Combine(folder.Path, "export.ndjson");
        File.WriteAllLines(export, Enumerable.Range(0, 2).Select(i => CopyWithRuleId($"good-{i}", $"Good {i}").ToJsonString()));

        var error = Assert.Single(RuleLoader.LoadPaths([export]).Errors);

        Assert.Equal("good-1", error.RuleId);
        Assert.Equal("Good 1", error.RuleName);
    }

    [Fact]
    public void OlderRevisionIsLintWarning()
    {
        using var folder = new TempDirectory();
        var older = Write(folder, "old.toml", updated: "2023/10/24");
        Write(folder, "new.toml", updated: "2024/05/21");

        var finding = Assert.Single(RuleLinter.LintSet(RuleLoader.LoadPaths([folder.Path]).Rules));

        Assert.Equal(LintIds.OlderRevision, finding.Id);
        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Equal(older, finding.File);
        Assert.Equal("shared-rule-id", finding.RuleId);
        Assert.Equal("Test rule", finding.RuleName);
        Assert.Contains("(updated 2023/10/24) is an older revision of", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NewestThatCannotRunRunsNone()
    {
        using var folder = new TempDirectory();
        var older = Write(folder, "old.toml", updated: "2024/01/01");
        var newest = Write(folder, "new.toml", updated: "2025/01/01");
        File.WriteAllText(newest, File.ReadAllText(newest).Replace("type = \"query\"", "type = \"new_terms\"", StringComparison.Ordinal));

        var summary = new HuntEngine(RuleLoader.LoadPaths([folder.Path]).Rules).Run(new HuntOptions([]), new CollectingSink(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Empty(summary.RulesRun);
        var skippedOlder = Assert.Single(summary.RulesSkipped, skipped => skipped.Rule.SourcePath == older);
        Assert.Contains($"{newest} is the newest revision", skippedOlder.Reason, StringComparison.Ordinal);
        Assert.Contains("it cannot run (rule type new_terms is not supported yet)", skippedOlder.Reason, StringComparison.Ordinal);
        Assert.Contains("no revision of this rule_id runs", skippedOlder.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("runs in its place", skippedOlder.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void NewestThatCannotRunLintWarning()
    {
        using var folder = new TempDirectory();
        Write(folder, "old.toml", updated: "2024/01/01");
        var newest = Write(folder, "new.toml", updated: "2025/01/01");
        File.WriteAllText(newest, File.ReadAllText(newest).Replace("language = \"kuery\"", "language = \"lucene\"", StringComparison.Ordinal));

        var finding = Assert.Single(RuleLinter.LintSet(RuleLoader.LoadPaths([folder.Path]).Rules));

        Assert.Equal(LintIds.OlderRevision, finding.Id);
        Assert.Contains("that file cannot run (query language lucene is not supported yet)", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("run only that file", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SharedIdAcrossFilesIsError()
    {
        using var folder = new TempDirectory();
        var first = Path.Combine(folder.Path, "a.json");
        var second = Path.Combine(folder.Path, "b.json");
        File.WriteAllText(first, CopyWithRuleId("good-0", "Good 0").ToJsonString());
        File.WriteAllText(second, CopyWithRuleId("good-1", "Good 1").ToJsonString());

        var loaded = RuleLoader.LoadPaths([first, second]);

        Assert.Equal("good-0", Assert.Single(loaded.Rules).RuleId);
        var error = Assert.Single(loaded.Errors);
        Assert.Equal(second, error.File);
        Assert.Contains($"already the id of rule good-0 (Good 0) in {first}(1);", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PackWithHistoryValidates()
    {
        var pack = RepoPaths.SharedOrSkip("data", "rules", "elastic-aws");

        var result = RuleValidator.ValidatePaths([pack]);

        Assert.Empty(result.Errors);
        Assert.Equal(232, result.Rules.Count);
        Assert.Equal(3, result.Warnings.Count);
        Assert.All(result.Warnings, warning => Assert.Contains(Path.DirectorySeparatorChar + "history" + Path.DirectorySeparatorChar, warning.File, StringComparison.Ordinal));
    }

    [Fact]
    public void CountsRulesAndFiles()
    {
        using var folder = new TempDirectory();
        Write(folder, "a.toml");
        Write(folder, "b.toml");
        File.WriteAllText(Path.Combine(folder.Path, "broken.toml"), "[rule");

        var result = RuleValidator.ValidatePaths([folder.Path]);

        // A TOML file contains one rule, so the broken one counts as a rule that is not valid.
        Assert.Equal(3, result.RuleCount);
        Assert.Equal(3, result.FileCount);
        Assert.Single(result.Rules);
    }

    /// <summary>Writes an export with one rule at two versions, one per line, and returns its path.</summary>
    private static string ExportOfVersions(int firstVersion, int secondVersion, out TempDirectory folder)
    {
        folder = new TempDirectory();
        var first = KibanaRuleJson.Write(LintRules.FromQuery("event.action:CreateUser"));
        var second = (JsonObject)first.DeepClone();
        first["version"] = firstVersion;
        second["version"] = secondVersion;
        var export = Path.Combine(folder.Path, "export.ndjson");
        File.WriteAllLines(export, [first.ToJsonString(), second.ToJsonString()]);
        return export;
    }

    /// <summary>Returns the Kibana JSON of one rule with another rule_id and name, and the saved-object id unchanged.</summary>
    private static JsonObject CopyWithRuleId(string ruleId, string name)
    {
        var rule = KibanaRuleJson.Write(LintRules.FromQuery("event.action:CreateUser"));
        rule["rule_id"] = ruleId;
        rule["name"] = name;
        return rule;
    }

    private static string Write(TempDirectory folder, string name, string? updated = null, int? version = null)
    {
        var text = RuleText
            .Replace("UPDATED", updated is null ? "" : $"updated_date = \"{updated}\"", StringComparison.Ordinal)
            .Replace("VERSION", version is null ? "" : $"version = {version}", StringComparison.Ordinal);
        var path = Path.Combine(folder.Path, name);
        File.WriteAllText(path, text);
        return path;
    }
}
