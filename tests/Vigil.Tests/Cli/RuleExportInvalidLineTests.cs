using System.Text;
using System.Text.Json.Nodes;
using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Formats;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// A Kibana export with one line that is not valid UTF-8 loses only that line's rule: validate,
/// lint, hunt and convert all report the same error, and the commands that run or check rules keep
/// the others.
/// </summary>
public sealed class RuleExportInvalidLineTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void ValidateKeepsOtherRules()
    {
        var (export, error) = Export();

        var result = CliRunner.Run("rules", "validate", export);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(error, result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("1 rule in 1 file: 1 valid, 1 error in 1 file", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void LintKeepsOtherRules()
    {
        var (export, error) = Export();

        var result = CliRunner.Run("rules", "lint", export, "--format", "json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(error, result.StandardError, StringComparison.Ordinal);
        Assert.Contains("1 rule linted", result.StandardError, StringComparison.Ordinal);
        var finding = Assert.Single(JsonNode.Parse(result.StandardOutput)!.AsArray())!;
        Assert.Equal("VR019", finding["id"]!.GetValue<string>());
        Assert.Equal(2, finding["line"]!.GetValue<int>());
    }

    [Fact]
    public void HuntRunsOtherRules()
    {
        var (export, error) = Export();

        var result = CliRunner.Run("hunt", Path.Combine(RepoPaths.Root, "samples", "cloudtrail"), "--rules", export);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Rule not loaded: {error}", result.StandardError, StringComparison.Ordinal);
        Assert.Matches(@"Rules run\s+1\b", result.StandardError);
        Assert.Matches(@"Rules not loaded \(see warnings\)\s+1\b", result.StandardError);
    }

    [Fact]
    public void ConvertReportsLineAndWritesNothing()
    {
        var (export, error) = Export();
        var output = Path.Combine(_temp.Path, "out.ndjson");

        var result = CliRunner.Run("rules", "convert", export, "--to", "kibana-ndjson", "--output", output);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(error, result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    /// <summary>
    /// Writes an export of the fixture rule under two rule_ids whose second line has the Latin-1
    /// byte 0xE9 in its name, and returns its path and the start of the error every command prints.
    /// </summary>
    private (string Path, string Error) Export()
    {
        var toml = File.ReadAllText(Path.Combine(RepoPaths.Fixtures, "rules", "aws-sts-assumerole-usage-v2.toml"));
        var renamed = toml
            .Replace("93075852-b0f5-4b8b-89c3-a226efae5726", "r-2", StringComparison.Ordinal)
            .Replace("name = \"AWS Security Token Service (STS) AssumeRole Usage\"", "name = \"Renamed\"", StringComparison.Ordinal);
        var text = KibanaNdjson.Write([RuleLoader.ParseToml(toml, null), RuleLoader.ParseToml(renamed, null)]);
        var name = text.IndexOf("\"Renamed\"", StringComparison.Ordinal) + 1;
        byte[] bytes = [.. Encoding.UTF8.GetBytes(text[..name]), 0xE9, .. Encoding.UTF8.GetBytes(text[name..])];
        var path = Path.Combine(_temp.Path, "export.ndjson");
        File.WriteAllBytes(path, bytes);
        var at = Encoding.UTF8.GetByteCount(text[..name]);
        var column = at - text.IndexOf('\n', StringComparison.Ordinal);
        return (path, $"{path}(2,{column}): the line is not valid UTF-8: byte 0xE9 at byte offset {at}");
    }
}
