using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// <c>rules lint</c> on a rule whose <c>to</c> is not date math reports the error <c>rules validate</c>
/// reports, at the same line, as a <c>VR025</c> error in every format, and exits 1.
/// </summary>
public class LintInvalidWindowTests
{
    private const string Message = "invalid rule.to \"later\": expected date math relative to now, such as \"now\"";

    [Fact]
    public void TextReportsValidateError()
    {
        using var folder = new TempDirectory();
        var rule = WriteRule(folder);

        var validate = CliRunner.Run("rules", "validate", rule);
        var lint = CliRunner.Run("rules", "lint", rule);

        Assert.Equal(1, lint.ExitCode);
        Assert.Contains($"{rule}(10,1): {Message}", validate.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"{rule}(10,1): error VR025: {Message}.", lint.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("1 error", lint.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonReportsValidateError()
    {
        using var folder = new TempDirectory();
        var rule = WriteRule(folder);

        var result = CliRunner.Run("rules", "lint", "--format", "json", rule);
        var finding = Assert.Single(JsonNode.Parse(result.StandardOutput)!.AsArray(), finding => finding!["id"]!.GetValue<string>() == "VR025")!;

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error", finding["severity"]!.GetValue<string>());
        Assert.Equal(10, finding["line"]!.GetValue<int>());
        Assert.Equal(Message, finding["message"]!.GetValue<string>());
    }

    [Fact]
    public void SarifReportsValidateError()
    {
        using var folder = new TempDirectory();
        var rule = WriteRule(folder);

        var result = CliRunner.Run("rules", "lint", "--format", "sarif", rule);
        var run = JsonNode.Parse(result.StandardOutput)!["runs"]![0]!;
        var finding = Assert.Single(run["results"]!.AsArray(), finding => finding!["ruleId"]!.GetValue<string>() == "VR025")!;

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error", finding["level"]!.GetValue<string>());
        Assert.Equal(10, finding["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!.GetValue<int>());
    }

    private static string WriteRule(TempDirectory folder)
    {
        var path = Path.Combine(folder.Path, "t_bad.toml");
        File.WriteAllText(path, """
            [rule]
            rule_id = "00000000-0000-4000-8000-000000000026"
            name = "Window that ends later"
            description = "A rule whose to is not date math."
            type = "query"
            severity = "low"
            risk_score = 21
            index = ["logs-aws.cloudtrail-*"]
            from = "now-6m"
            to = "later"
            query = "event.action:AssumeRole"
            """);
        return path;
    }
}
