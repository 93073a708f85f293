using System.IO.Compression;
using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Formats;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>CLI output for rule files and rule tests written wrong.</summary>
public sealed class RuleAuthoringCliTests : IDisposable
{
    private static string Cases => Path.Combine(RepoPaths.Root, "tests", "Vigil.Tests", "Detect", "Rules", "RuleTestCases");

    private static string RuleFixture => Path.Combine(Cases, "aws-sts-assumerole-usage-v2.toml");

    private static string TruePositiveEvents => Path.Combine(Cases, "aws-sts-assumerole-usage-v2.tests", "tp-role-assumes-role", "events.ndjson");

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Writes the fixture rule with <paramref name="ruleLine"/> in [rule], in place of the fixture's line of that key.</summary>
    private string RuleWith(string ruleLine)
    {
        var key = ruleLine.Split(' ')[0];
        var lines = File.ReadAllLines(RuleFixture).Where(line => key.Length == 0 || !line.StartsWith(key + " = ", StringComparison.Ordinal));
        var path = Path.Combine(_temp.Path, "r.toml");
        File.WriteAllText(path, string.Join('\n', lines).Replace("[rule]\n", $"[rule]\n{ruleLine}\n", StringComparison.Ordinal) + "\n");
        return path;
    }

    [Theory]
    [InlineData("now-6x")]
    [InlineData("2026-01-01T00:00:00Z")]
    [InlineData("now-1000000y")]
    [InlineData("now+5m")]
    public void HuntRejectsInvalidFrom(string from)
    {
        var rule = RuleWith($"from = \"{from}\"");
        var validate = CliRunner.Run("rules", "validate", rule);

        var hunt = CliRunner.Run("hunt", TruePositiveEvents, "--rules", rule);

        Assert.Equal(2, hunt.ExitCode);
        Assert.Contains($"invalid rule.from \"{from}\"", validate.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"Rule not loaded: {validate.StandardOutput.Split('\n')[0]}", hunt.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesTestRejectsInvalidFrom()
    {
        var rule = RuleWith("from = \"now-6x\"");
        var caseFolder = Directory.CreateDirectory(Path.Combine(_temp.Path, "r.tests", "tp")).FullName;
        File.Copy(TruePositiveEvents, Path.Combine(caseFolder, "events.ndjson"));
        File.WriteAllText(Path.Combine(caseFolder, "expected.json"), """{"alerts": 1}""");

        var result = CliRunner.Run("rules", "test", rule);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("invalid rule.from \"now-6x\"", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesTestWithoutCasesFails()
    {
        var rule = RuleWith("");

        var result = CliRunner.Run("rules", "test", rule);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("vigil rules test: no test cases found", result.StandardError, StringComparison.Ordinal);
        Assert.Contains($"{rule}: no test cases", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void WindowFixUsesRuleTo()
    {
        var rule = RuleWith("to = \"now-1h\"");

        var result = CliRunner.Run("rules", "validate", rule);

        Assert.Contains("set a time before rule.to \"now-1h\", such as \"now-1h-6m\"", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("default rule.to", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowPicksNewestRevision()
    {
        var rule = RuleLoader.LoadPaths([RuleFixture]).Rules.Single();
        var older = KibanaRuleJson.Write(rule);
        older["version"] = 1;
        older["name"] = "Older";
        var newer = KibanaRuleJson.Write(rule);
        newer["version"] = 2;
        newer["name"] = "Newer";
        var export = Path.Combine(_temp.Path, "twice.ndjson");
        File.WriteAllLines(export, [older.ToJsonString(), newer.ToJsonString()]);

        var result = CliRunner.Run("rules", "show", export, "--rule-id", rule.RuleId);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("name = \"Newer\"", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"contains 2 rules with rule_id \"{rule.RuleId}\"", result.StandardError, StringComparison.Ordinal);
        Assert.Contains($"showing {export}(2)", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowNamesIdenticalCopies()
    {
        var rule = RuleLoader.LoadPaths([RuleFixture]).Rules.Single();
        var line = KibanaRuleJson.Write(rule).ToJsonString();
        var export = Path.Combine(_temp.Path, "twice.ndjson");
        File.WriteAllLines(export, [line, line]);

        var result = CliRunner.Run("rules", "show", export, "--rule-id", rule.RuleId);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"at {export}(1), {export}(2)", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("hunt runs them all, serve runs only the first in path order", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("pick one with --rule-id", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("--help", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowListsRepeatedRuleIdOnce()
    {
        var rule = RuleLoader.LoadPaths([RuleFixture]).Rules.Single();
        var line = KibanaRuleJson.Write(rule).ToJsonString();
        var export = Path.Combine(_temp.Path, "thrice.ndjson");
        File.WriteAllLines(export, [line, line, line]);

        var result = CliRunner.Run("rules", "show", export, "--rule-id", "nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"give one of its rule_ids: {rule.RuleId}{Environment.NewLine}", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void GzipRuleFileSaysDecompress()
    {
        var path = Path.Combine(_temp.Path, "full.json.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gzip.Write(File.ReadAllBytes(RuleFixture));
        }

        var result = CliRunner.Run("rules", "show", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("gzip-compressed", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("iconv", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("e.toml")]
    [InlineData("e.json")]
    [InlineData("e.ndjson")]
    public void EmptyRuleFileIsError(string name)
    {
        var path = Path.Combine(_temp.Path, name);
        File.WriteAllText(path, "");

        var result = CliRunner.Run("rules", "validate", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{path}: the rule file is empty", result.StandardOutput, StringComparison.Ordinal);
    }
}
