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

    [Theory]
    [InlineData("events.ndjson")]
    [InlineData("events.json")]
    [InlineData("events.txt")]
    public void UnreadableEventsFail(string eventsFile)
    {
        using var folder = new TempDirectory();
        var caseFolder = CaseFolder(folder, "aws-sts-assumerole-usage-v2.toml", "bad-events");
        File.WriteAllText(Path.Combine(caseFolder, eventsFile), "this is not json\n");
        File.WriteAllText(Path.Combine(caseFolder, "expected.json"), """{"alerts":0}""");

        var result = Assert.Single(RuleTestRunner.Run([folder.Path]));

        Assert.False(result.Passed);
        Assert.Contains(eventsFile, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedRuleTypeSkipped()
    {
        using var folder = new TempDirectory();
        var rule = Path.Combine(folder.Path, "rule.toml");
        var text = File.ReadAllText(Path.Combine(Cases, "aws-sts-assumerole-usage-v2.toml"))
            .Replace("type = \"query\"", "type = \"new_terms\"", StringComparison.Ordinal)
            + "\n[rule.new_terms]\nfield = \"new_terms_fields\"\nvalue = [\"cloud.account.id\"]\n[[rule.new_terms.history_window_start]]\nfield = \"history_window_start\"\nvalue = \"now-7d\"\n";
        File.WriteAllText(rule, text);
        var caseFolder = Directory.CreateDirectory(Path.Combine(folder.Path, "rule.tests", "tn")).FullName;
        File.Copy(Path.Combine(Cases, "aws-sts-assumerole-usage-v2.tests", "tn-caller-identity", "events.ndjson"), Path.Combine(caseFolder, "events.ndjson"));
        File.WriteAllText(Path.Combine(caseFolder, "expected.json"), """{"alerts":0}""");

        var result = Assert.Single(RuleTestRunner.Run([folder.Path]));

        Assert.False(result.Passed);
        Assert.Null(result.Error);
        Assert.NotNull(result.SkipReason);
        Assert.StartsWith("SKIP ", result.ToString(), StringComparison.Ordinal);
    }

    private static string CaseFolder(TempDirectory folder, string ruleFixture, string caseName)
    {
        File.Copy(Path.Combine(Cases, ruleFixture), Path.Combine(folder.Path, "rule.toml"));
        return Directory.CreateDirectory(Path.Combine(folder.Path, "rule.tests", caseName)).FullName;
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
    public void MalformedExpectedFileNamesPosition()
    {
        using var folder = new TempDirectory();
        var rule = Path.Combine(folder.Path, "rule.toml");
        File.Copy(Path.Combine(Cases, "aws-sts-assumerole-usage-v2.toml"), rule);
        var caseFolder = Directory.CreateDirectory(Path.Combine(folder.Path, "rule.tests", "bad-expected")).FullName;
        File.Copy(Path.Combine(Cases, "aws-sts-assumerole-usage-v2.tests", "tp-role-assumes-role", "events.ndjson"), Path.Combine(caseFolder, "events.ndjson"));
        File.WriteAllText(Path.Combine(caseFolder, "expected.json"), "{\"alerts\": 1,\n}");

        var result = Assert.Single(RuleTestRunner.Run([folder.Path]));

        Assert.False(result.Passed);
        Assert.Contains("expected.json: invalid JSON at line 2, byte 1", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void CaseFoldersNotLoadedAsRules()
    {
        var results = RuleTestRunner.Run([Cases]);

        Assert.Equal(4, results.Count);
        Assert.All(results, result => Assert.Null(result.Error));
    }
}
