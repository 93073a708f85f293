using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// <c>rules lint</c> on TOML rules whose query has a value that can never match: disjoint addresses
/// on <c>source.ip</c> (VR006) and a value above the field's <c>ignore_above</c> (VR022). Each
/// finding is an error at the value's line and column in the file.
/// </summary>
public class LintNeverMatchingValueTests
{
    [Fact]
    public void DisjointAddressesAtFilePosition()
    {
        using var folder = new TempDirectory();
        var rule = WriteRule(folder, "source.ip:10.0.0.0/8 and\n  source.ip:192.168.0.1");

        var result = CliRunner.Run("rules", "lint", "--format", "json", rule);
        var finding = Assert.Single(JsonNode.Parse(result.StandardOutput)!.AsArray(), finding => finding!["id"]!.GetValue<string>() == "VR006")!;

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error", finding["severity"]!.GetValue<string>());
        Assert.Equal(FilePosition(rule, "192.168.0.1"), (finding["line"]!.GetValue<int>(), finding["column"]!.GetValue<int>()));
        Assert.Contains("no address is both in one of (10.0.0.0/8) and in one of (192.168.0.1)", finding["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void LongValueAtFilePosition()
    {
        using var folder = new TempDirectory();
        var value = "Mozilla/5.0 " + new string('x', 1100);
        var rule = WriteRule(folder, $"event.provider:sts.amazonaws.com and\n  user_agent.original:\"{value}\"");

        var result = CliRunner.Run("rules", "lint", rule);

        Assert.Equal(1, result.ExitCode);
        var (line, column) = FilePosition(rule, "\"Mozilla");
        Assert.Contains(
            $"{rule}({line},{column}): error VR022: user_agent.original is a keyword field with ignore_above 1024, and the value is {value.Length} characters long",
            result.StandardOutput,
            StringComparison.Ordinal);
        Assert.Contains("Fix: match a phrase on the text multi-field, which indexes values of any length: user_agent.original.text:\"...\".", result.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>Writes a minimal valid query rule with <paramref name="query"/> and returns its path.</summary>
    private static string WriteRule(TempDirectory folder, string query)
    {
        var path = Path.Combine(folder.Path, "rule.toml");
        File.WriteAllText(path, $"""
            [metadata]
            creation_date = "2026/01/01"
            maturity = "development"
            updated_date = "2026/01/01"

            [rule]
            author = ["Vigil"]
            description = "A query with a value that never matches."
            from = "now-9m"
            index = ["logs-aws.cloudtrail-*"]
            language = "kuery"
            license = "Apache-2.0"
            name = "Never Matching Value"
            risk_score = 21
            rule_id = "5a0c5b1e-8d5e-4a39-9d55-0d6f1b2b7e03"
            severity = "low"
            type = "query"
            query = '''
            {query}
            '''
            """);
        return path;
    }

    private static (int Line, int Column) FilePosition(string path, string text)
    {
        var lines = File.ReadAllLines(path);
        var line = Array.FindIndex(lines, candidate => candidate.Contains(text, StringComparison.Ordinal));
        return (line + 1, lines[line].IndexOf(text, StringComparison.Ordinal) + 1);
    }
}
