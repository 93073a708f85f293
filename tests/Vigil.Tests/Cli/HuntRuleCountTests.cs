using System.Text.RegularExpressions;
using Vigil.Detect.Rules.BuiltIn;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>The hunt summary counts the rules that failed to load, as many as the warnings name.</summary>
public class HuntRuleCountTests
{
    [Fact]
    public void SummaryCountsRulesNotLoaded()
    {
        using var folder = new TempDirectory();
        var toml = Path.Combine(folder.Path, "rule.toml");
        var export = Path.Combine(folder.Path, "export.ndjson");
        File.WriteAllText(toml, AwsStsAssumeRoleUsage.Toml);
        Assert.Equal(0, CliRunner.Run("rules", "convert", toml, "--to", "kibana-ndjson", "--output", export).ExitCode);
        var lines = File.ReadAllLines(export).ToList();
        lines.Insert(1, "{\"rule_id\": ");
        lines.Insert(2, "{\"rule_id\": \"x\", ");
        File.WriteAllLines(export, lines);

        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--rules", export);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, Regex.Count(result.StandardError, "Rule not loaded"));
        Assert.Matches(@"Rules not loaded \(see warnings\)\s+2\b", result.StandardError);
    }
}
