using System.Text.Json.Nodes;
using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Formats;
using Vigil.Detect.Rules.Validation;
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

        Assert.Empty(result.Errors);
        Assert.Equal(older, Assert.Single(result.Warnings).File);
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
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void OtherVersionInExportIsHistory()
    {
        using var folder = new TempDirectory();
        var rule = KibanaRuleJson.Write(LintRules.FromQuery("event.action:CreateUser"));
        var later = (JsonObject)rule.DeepClone();
        later["version"] = 2;
        var export = Path.Combine(folder.Path, "export.ndjson");
        File.WriteAllLines(export, [rule.ToJsonString(), later.ToJsonString()]);

        var result = RuleValidator.ValidatePaths([export]);

        Assert.Empty(result.Errors);
        Assert.Single(result.Warnings);
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

        Assert.Equal(2, result.RuleCount);
        Assert.Equal(3, result.FileCount);
        Assert.Single(result.Rules);
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
