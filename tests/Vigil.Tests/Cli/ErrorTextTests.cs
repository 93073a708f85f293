using Vigil.Detect.Rules.BuiltIn;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>User messages carry no .NET exception text: no parameter names, doubled periods or reader positions.</summary>
public class ErrorTextTests
{
    [Fact]
    public void ConvertOutputErrorHasOnePeriod()
    {
        using var folder = new TempDirectory();
        var output = Path.Combine(folder.Path, "no-folder", "out.ndjson");

        var result = CliRunner.Run("convert", RepoPaths.Samples, "-o", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"vigil convert: cannot create --output {output}: ", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("..", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void KibanaJsonErrorGivesPositionOnce()
    {
        using var folder = new TempDirectory();
        var export = Path.Combine(folder.Path, "export.ndjson");
        File.WriteAllText(export, "{\"exported_count\":0}\n{\"rule_id\": \n");

        var result = CliRunner.Run("rules", "validate", export);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{export}(2,13): invalid JSON: ", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesTestMissingExpectedJson()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(Path.Combine(folder.Path, "rule.toml"), AwsStsAssumeRoleUsage.Toml);
        var caseFolder = Directory.CreateDirectory(Path.Combine(folder.Path, "rule.tests", "no-expected")).FullName;
        File.WriteAllText(Path.Combine(caseFolder, "events.json"), """{"Records":[]}""");

        var result = CliRunner.Run("rules", "test", Path.Combine(folder.Path, "rule.toml"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("missing expected.json: add the alerts the case expects", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Could not find file", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void RetentionErrorMatchesPollError()
    {
        using var folder = new TempDirectory();

        var ingest = CliRunner.Run("ingest", RepoPaths.Samples, "--data", folder.Path, "--retention", "0d");
        var serve = CliRunner.Run("serve", "--data", folder.Path, "--retention", "0d");

        Assert.Equal(2, ingest.ExitCode);
        Assert.Contains("vigil ingest: --retention: invalid retention '0d': give a positive whole number", ingest.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, serve.ExitCode);
        Assert.Contains("vigil serve: --retention: invalid retention '0d': give a positive whole number", serve.StandardError, StringComparison.Ordinal);
    }
}
