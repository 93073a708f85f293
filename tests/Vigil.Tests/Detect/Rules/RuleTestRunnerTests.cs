using Vigil.Detect.Rules.Testing;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detect.Rules;

/// <summary>The rule-test harness users get, run on the AssumeRole rule's stored cases.</summary>
public class RuleTestRunnerTests
{
    private static string Cases => Path.Combine(RepoPaths.Root, "tests", "Vigil.Tests", "Detect", "Rules", "RuleTestCases");

    [Fact]
    public void FixedRulePassesEveryCase()
    {
        var results = RuleTestRunner.Run([Path.Combine(Cases, "aws-sts-assumerole-usage-v2.toml")]);

        Assert.Equal(2, results.Count);
        Assert.All(results, result => Assert.True(result.Passed, result.ToString()));
    }

    [Fact]
    public void DocumentedRuleMissesTruePositive()
    {
        var results = RuleTestRunner.Run([Path.Combine(Cases, "aws-sts-assumerole-usage-v1.toml")]);

        var failed = Assert.Single(results, result => !result.Passed);
        Assert.EndsWith("tp-role-assumes-role", failed.CaseFolder, StringComparison.Ordinal);
        Assert.Equal((1, 0L), (failed.ExpectedAlerts, failed.ActualAlerts));
    }

    [Fact]
    public void MissingExpectedFileFails()
    {
        using var folder = new TempDirectory();
        var rule = Path.Combine(folder.Path, "rule.toml");
        File.Copy(Path.Combine(Cases, "aws-sts-assumerole-usage-v2.toml"), rule);
        var caseFolder = Directory.CreateDirectory(Path.Combine(folder.Path, "rule.tests", "no-expected")).FullName;
        File.Copy(Path.Combine(Cases, "aws-sts-assumerole-usage-v2.tests", "tp-role-assumes-role", "events.ndjson"), Path.Combine(caseFolder, "events.ndjson"));

        var result = Assert.Single(RuleTestRunner.Run([folder.Path]));

        Assert.False(result.Passed);
        Assert.Contains("expected.json", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void CaseFoldersNotLoadedAsRules()
    {
        var results = RuleTestRunner.Run([Cases]);

        Assert.Equal(4, results.Count);
        Assert.All(results, result => Assert.Null(result.Error));
    }
}
