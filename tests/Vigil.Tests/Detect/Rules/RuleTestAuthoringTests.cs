using Vigil.Detect.Rules.Testing;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detect.Rules;

/// <summary>Rule test cases written wrong, or missing, fail with a message that names the fix.</summary>
public sealed class RuleTestAuthoringTests : IDisposable
{
    private static string Cases => Path.Combine(RepoPaths.Root, "tests", "Vigil.Tests", "Detect", "Rules", "RuleTestCases");

    private static string TruePositiveEvents => Path.Combine(Cases, "aws-sts-assumerole-usage-v2.tests", "tp-role-assumes-role", "events.ndjson");

    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Rule(string name = "rule.toml")
    {
        var path = Path.Combine(_folder.Path, name);
        File.Copy(Path.Combine(Cases, "aws-sts-assumerole-usage-v2.toml"), path);
        return path;
    }

    private string Case(string testsFolder, string caseName, string? expected)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder.Path, testsFolder, caseName)).FullName;
        File.Copy(TruePositiveEvents, Path.Combine(folder, "events.ndjson"));
        if (expected is not null)
        {
            File.WriteAllText(Path.Combine(folder, "expected.json"), expected);
        }

        return folder;
    }

    [Fact]
    public void UnknownExpectedKeyFails()
    {
        Rule();
        Case("rule.tests", "tp", """{"alerts": 1, "alertz": 3}""");

        var result = Assert.Single(RuleTestRunner.Run([_folder.Path]));

        Assert.True(result.Failed);
        Assert.Contains("unknown key \"alertz\"", result.Error, StringComparison.Ordinal);
        Assert.Contains("did you mean \"alerts\"?", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void RepeatedExpectedKeyFails()
    {
        Rule();
        Case("rule.tests", "a-repeated", """{"alerts": 1, "alerts": 5}""");
        Case("rule.tests", "b-tp", """{"alerts": 1}""");

        var results = RuleTestRunner.Run([_folder.Path]);

        Assert.Equal(2, results.Count);
        Assert.True(results[0].Failed);
        Assert.Contains("line 1, byte 15: duplicate key 'alerts'", results[0].Error, StringComparison.Ordinal);
        Assert.True(results[1].Passed, results[1].ToString());
    }

    [Fact]
    public void StrayNoteNamedInLine()
    {
        Rule();
        var folder = Case("rule.tests", "tp", """{"alerts": 1}""");
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "Recorded in the lab account.\n");

        var result = Assert.Single(RuleTestRunner.Run([_folder.Path]));

        Assert.True(result.Passed, result.ToString());
        Assert.Equal(["notes.txt"], result.NotRead);
        Assert.EndsWith("expected 1 alert, got 1; not read, as not CloudTrail JSON: notes.txt", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EventsInSubfolderRead()
    {
        Rule();
        var folder = Directory.CreateDirectory(Path.Combine(_folder.Path, "rule.tests", "tp", "AWSLogs", "us-east-1")).FullName;
        File.Copy(TruePositiveEvents, Path.Combine(folder, "events.ndjson"));
        File.WriteAllText(Path.Combine(_folder.Path, "rule.tests", "tp", "expected.json"), """{"alerts": 1}""");

        var result = Assert.Single(RuleTestRunner.Run([_folder.Path]));

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void CaseFolderPathRunsOneCase()
    {
        var rule = Rule();
        Case("rule.tests", "a", """{"alerts": 1}""");
        var second = Case("rule.tests", "b", """{"alerts": 1}""");

        var result = Assert.Single(RuleTestRunner.Run([second]));

        Assert.Equal(second, result.CaseFolder);
        Assert.Equal(rule, result.RuleFile);
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void TestsFolderPathRunsAllCases()
    {
        Rule();
        Case("rule.tests", "a", """{"alerts": 1}""");
        Case("rule.tests", "b", """{"alerts": 1}""");

        var results = RuleTestRunner.Run([Path.Combine(_folder.Path, "rule.tests")]);

        Assert.Equal(2, results.Count);
        Assert.All(results, result => Assert.True(result.Passed, result.ToString()));
    }

    [Fact]
    public void MissingCaseFolderFails()
    {
        Rule();
        Case("rule.tests", "a", """{"alerts": 1}""");
        var missing = Path.Combine(_folder.Path, "rule.tests", "nope");

        var result = Assert.Single(RuleTestRunner.Run([missing]));

        Assert.True(result.Failed);
        Assert.Contains($"test case folder {missing} not found", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TestsFolderWithoutRuleFails()
    {
        var folder = Case("orphan.tests", "a", """{"alerts": 1}""");

        var result = Assert.Single(RuleTestRunner.Run([folder]));

        Assert.True(result.Failed);
        Assert.Contains("but no rule file orphan.toml or orphan.ndjson is beside it", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectedFolderNamedAsFolder()
    {
        Rule();
        var folder = Case("rule.tests", "dir", null);
        Directory.CreateDirectory(Path.Combine(folder, "expected.json"));

        var result = Assert.Single(RuleTestRunner.Run([_folder.Path]));

        Assert.True(result.Failed);
        Assert.Contains("expected.json is a folder, not a file", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void RuleWithoutCasesReported()
    {
        var rule = Rule();

        var report = RuleTestRunner.RunAll([_folder.Path]);

        Assert.Empty(report.Cases);
        var message = Assert.Single(report.FilesWithoutCases);
        Assert.StartsWith($"{rule}: no test cases", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rule.test")]
    [InlineData("rule_tests")]
    [InlineData("rule.Tests")]
    public void MisspelledTestsFolderHinted(string misspelled)
    {
        Rule();
        Case(misspelled, "tp", """{"alerts": 1}""");

        var report = RuleTestRunner.RunAll([Path.Combine(_folder.Path, "rule.toml")]);

        var message = Assert.Single(report.FilesWithoutCases);
        Assert.Contains($"rename it to rule.tests", message, StringComparison.Ordinal);
        Assert.Contains(misspelled, message, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherRulesTestsNotHinted()
    {
        Rule();
        Rule("rule2.toml");
        Case("rule2.tests", "tp", """{"alerts": 1}""");

        var report = RuleTestRunner.RunAll([_folder.Path]);

        var message = Assert.Single(report.FilesWithoutCases);
        Assert.DoesNotContain("rename", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportCaseNamesEachRule()
    {
        WriteExport(3);
        Case("p.tests", "c", """{"alerts": 1}""");

        var results = RuleTestRunner.Run([_folder.Path]);

        Assert.Equal(["id-0", "id-1", "id-2"], results.Select(result => result.RuleId));
        Assert.All(results, result => Assert.Contains($"rule \"Rule {result.RuleId![^1]}\" ({result.RuleId})", result.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void ExpectedRuleIdPicksOneRule()
    {
        WriteExport(3);
        Case("p.tests", "c", """{"alerts": 1, "rule_id": "id-1"}""");

        var result = Assert.Single(RuleTestRunner.Run([_folder.Path]));

        Assert.Equal("id-1", result.RuleId);
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void ExpectedUnknownRuleIdFails()
    {
        WriteExport(2);
        Case("p.tests", "c", """{"alerts": 1, "rule_id": "id-9"}""");

        var result = Assert.Single(RuleTestRunner.Run([_folder.Path]));

        Assert.True(result.Failed);
        Assert.Contains("names rule_id id-9", result.Error, StringComparison.Ordinal);
        Assert.Contains("id-0, id-1", result.Error, StringComparison.Ordinal);
    }

    /// <summary>Writes p.ndjson with <paramref name="count"/> copies of the AssumeRole rule, ids id-0, id-1, ...</summary>
    private void WriteExport(int count)
    {
        var rule = Vigil.Detect.Rules.RuleLoader.LoadPaths([Path.Combine(Cases, "aws-sts-assumerole-usage-v2.toml")]).Rules.Single();
        var lines = Enumerable.Range(0, count).Select(index =>
        {
            var json = Vigil.Detect.Rules.Formats.KibanaRuleJson.Write(rule);
            json["rule_id"] = $"id-{index}";
            json["name"] = $"Rule {index}";
            json.Remove("id");
            return json.ToJsonString();
        });
        File.WriteAllLines(Path.Combine(_folder.Path, "p.ndjson"), lines);
    }
}
