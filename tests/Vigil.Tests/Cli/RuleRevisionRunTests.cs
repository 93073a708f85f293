using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Vigil.Detect.Rules.BuiltIn;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// Hunt, serve and rules run use only the newest revision of a rule_id, as Kibana keeps one rule
/// per rule_id, and warn about each older revision they skip.
/// </summary>
public class RuleRevisionRunTests
{
    private const string RuleId = "93075852-b0f5-4b8b-89c3-a226efae5726";
    private const string OutcomeClause = " and event.outcome:success";

    [Fact]
    public void HuntRunsNewestRevision()
    {
        using var folder = new TempDirectory();
        var rules = Path.Combine(folder.Path, "rules");
        Directory.CreateDirectory(rules);
        var middle = WriteRevision(rules, "a-middle.toml", "2025/06/01", "Middle revision", newest: false);
        var oldest = WriteRevision(rules, "b-oldest.toml", "2024/01/01", "Oldest revision", newest: false);
        var newest = WriteRevision(rules, "c-newest.toml", "2026/01/01", "Newest revision", newest: true);
        var output = Path.Combine(folder.Path, "alerts.ndjson");

        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--rules", rules, "--output", output);
        var alerts = File.ReadAllLines(output).Select(line => JsonNode.Parse(line)!).ToList();

        Assert.Equal(0, result.ExitCode);
        Assert.NotEmpty(alerts);
        Assert.All(alerts, alert => Assert.Equal("Newest revision", alert["kibana.alert.rule.name"]!.GetValue<string>()));
        Assert.Contains($"Rule revision skipped: {middle}: older revision of rule_id {RuleId}: {newest} runs in its place because updated 2026/01/01 is later than 2025/06/01", result.StandardError, StringComparison.Ordinal);
        Assert.Contains($"Rule revision skipped: {oldest}: older revision of rule_id {RuleId}: {newest} runs in its place because updated 2026/01/01 is later than 2024/01/01", result.StandardError, StringComparison.Ordinal);
        Assert.Contains($"Rule skipped: Middle revision ({middle}): older revision of rule_id {RuleId}", result.StandardError, StringComparison.Ordinal);
        Assert.Matches(@"Rules run\s+1\b", result.StandardError);
        Assert.Matches(@"Rules skipped\s+2\b", result.StandardError);
        Assert.Matches($@"\n    older revision of rule_id {RuleId}: [^\n]*…\s+2\n", result.StandardError);
        Assert.DoesNotContain("id written before", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("ran without alerts", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("all of them run", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void HuntRunsNewestOfExport()
    {
        using var folder = new TempDirectory();
        var export = WriteExportOfTwoVersions(folder.Path, olderFirst: false);

        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--rules", export);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Rule revision skipped: {export}(2): older revision of rule_id {RuleId}: {export}(1) runs in its place because version 5 is higher than 4. Kibana keeps one rule per rule_id; remove the older revision from the file to stop this warning.", result.StandardError, StringComparison.Ordinal);
        Assert.Matches(@"Rules run\s+1\b", result.StandardError);
    }

    [Fact]
    public void HuntKeepsSameRevisionCopies()
    {
        using var folder = new TempDirectory();
        var first = WriteRevision(folder.Path, "a.toml", "2026/01/01", "Copy", newest: true);
        var second = WriteRevision(folder.Path, "b.toml", "2026/01/01", "Copy", newest: true);

        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--rules", folder.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"rule_id {RuleId} is used by 2 rules with the same revision ({first}, {second}); all of them run", result.StandardError, StringComparison.Ordinal);
        Assert.Matches(@"Rules run\s+2\b", result.StandardError);
        Assert.DoesNotContain("Rule revision skipped", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ServeRegistersNewestRevision()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var folder = new TempDirectory();
        var rules = Path.Combine(folder.Path, "rules");
        Directory.CreateDirectory(rules);
        var newest = WriteRevision(rules, "a-newest.toml", "2026/01/01", "Newest revision", newest: true);
        var older = WriteRevision(rules, "b-older.toml", "2025/01/01", "Older revision", newest: false);
        var data = Path.Combine(folder.Path, "data");

        using (var serve = ServeProcess.Start("--data", data, "--rules", rules, "--poll", "200ms"))
        {
            Assert.True(Eventually.True(() => serve.StandardError.Contains("vigil serve started", StringComparison.Ordinal), TimeSpan.FromSeconds(90)), serve.StandardError);
            Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");

            Assert.Contains($"Rule revision skipped: {older}: older revision of rule_id {RuleId}: {newest} runs in its place because updated 2026/01/01 is later than 2025/01/01", serve.StandardError, StringComparison.Ordinal);
            Assert.Contains("rules running 1, rules not running 0, older rule revisions skipped 1,", serve.StandardError, StringComparison.Ordinal);
            Assert.Single(Regex.Matches(serve.StandardError, $"Rule {RuleId} \\(.*\\) registered"));
            Assert.Contains($"Rule {RuleId} (Newest revision) registered (updated 2026/01/01): enabled", serve.StandardError, StringComparison.Ordinal);
            Assert.DoesNotContain("registered, revision", serve.StandardError, StringComparison.Ordinal);
        }

        var status = CliRunner.Run("rules", "status", "--data", data);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("Newest revision", status.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Older revision", status.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void ServeRunsFirstSameRevisionCopy()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var folder = new TempDirectory();
        var rules = Path.Combine(folder.Path, "rules");
        Directory.CreateDirectory(rules);
        var first = WriteRevision(rules, "a.toml", "2026/01/01", "Copy A", newest: true);
        var second = WriteRevision(rules, "b.toml", "2026/01/01", "Copy B", newest: true);
        var data = Path.Combine(folder.Path, "data");

        var log = ServeUntilStarted(data, rules);

        Assert.Contains($"Rule copy skipped: {second}: rule_id {RuleId} has the same revision (updated 2026/01/01) in {first}, so {first} runs in its place because it comes first in path order.", log, StringComparison.Ordinal);
        Assert.Contains("older rule revisions skipped 0, same-revision copies skipped 1,", log, StringComparison.Ordinal);
        Assert.Contains($"Rule {RuleId} (Copy A) registered", log, StringComparison.Ordinal);
        Assert.DoesNotContain("Copy B) registered", log, StringComparison.Ordinal);
        Assert.DoesNotContain("Registered rule revision replaced", log, StringComparison.Ordinal);
        var status = CliRunner.Run("rules", "status", "--data", data);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains($"registered: {first} ", status.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Copy B", status.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void RunExportRunsNewestRevision()
    {
        using var store = new CliStore();
        var export = WriteExportOfTwoVersions(store.Folder, olderFirst: true);

        var run = store.Run("rules", "run", export, "--from", "now-1h", "--to", "now");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"warning: rule revision skipped: {export}(1): older revision of rule_id {RuleId}: {export}(2) runs in its place because version 5 is higher than 4", run.StandardError, StringComparison.Ordinal);
        var status = store.Run("rules", "status");
        Assert.Contains("Newest revision", status.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Older revision", status.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>Starts vigil serve on <paramref name="rules"/>, stops it with SIGTERM once it has started, and returns its log.</summary>
    private static string ServeUntilStarted(string data, string rules)
    {
        using var serve = ServeProcess.Start("--data", data, "--rules", rules, "--poll", "200ms");
        Assert.True(Eventually.True(() => serve.StandardError.Contains("vigil serve started", StringComparison.Ordinal), TimeSpan.FromSeconds(90)), serve.StandardError);
        Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");
        return serve.StandardError;
    }

    /// <summary>
    /// Writes an export of the newest revision at version 5 and of "Older revision" at version 4,
    /// one per line in the order asked, and returns its path.
    /// </summary>
    private static string WriteExportOfTwoVersions(string folder, bool olderFirst)
    {
        var toml = WriteRevision(folder, "rule.toml", "2026/01/01", "Newest revision", newest: true);
        var export = Path.Combine(folder, "export.ndjson");
        Assert.Equal(0, CliRunner.Run("rules", "convert", toml, "--to", "kibana-ndjson", "--output", export).ExitCode);

        // The first line is the rule; the export summary line after it is left out.
        var newer = JsonNode.Parse(File.ReadAllLines(export)[0])!.AsObject();
        newer["version"] = 5;
        var older = newer.DeepClone().AsObject();
        older["version"] = 4;
        older["name"] = "Older revision";
        File.WriteAllLines(export, olderFirst ? [older.ToJsonString(), newer.ToJsonString()] : [newer.ToJsonString(), older.ToJsonString()]);
        return export;
    }

    /// <summary>
    /// Writes the built-in rule without its version, with an update date and a name. The newest
    /// revision keeps the outcome clause, and older ones match failed calls too.
    /// </summary>
    private static string WriteRevision(string folder, string file, string updated, string name, bool newest)
    {
        var text = AwsStsAssumeRoleUsage.Toml
            .Replace("version = 2\n", "", StringComparison.Ordinal)
            .Replace("[metadata]\n", $"[metadata]\nupdated_date = \"{updated}\"\n", StringComparison.Ordinal)
            .Replace("name = \"AWS Security Token Service (STS) AssumeRole Usage\"", $"name = \"{name}\"", StringComparison.Ordinal);
        if (!newest)
        {
            text = text.Replace(OutcomeClause, "", StringComparison.Ordinal);
        }

        var path = Path.Combine(folder, file);
        File.WriteAllText(path, text);
        return path;
    }
}
