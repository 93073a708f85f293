using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// <c>vigil rules convert</c> rejects two rules with the same rule_id and revision, in the words of
/// <c>rules validate</c>, because Kibana's import rejects such an export.
/// </summary>
public sealed class RulesConvertDuplicateTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("kibana-ndjson", "out.ndjson")]
    [InlineData("toml", "out")]
    public void DuplicateRuleIdRejected(string format, string outputName)
    {
        var folder = Copies();
        var output = Path.Combine(_temp.Path, outputName);
        var validate = CliRunner.Run("rules", "validate", folder);
        var duplicateError = Assert.Single(validate.StandardOutput.Split('\n'), line => line.Contains("duplicate rule_id", StringComparison.Ordinal));

        var result = CliRunner.Run("rules", "convert", folder, "--to", format, "--output", output);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(duplicateError, result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void RevisionsInOneExportRejected()
    {
        var export = Path.Combine(_temp.Path, "two.ndjson");
        var toml = Path.Combine(RepoPaths.Fixtures, "rules", "aws-sts-assumerole-usage-v2.toml");
        Assert.Equal(0, CliRunner.Run("rules", "convert", toml, "--to", "kibana-ndjson", "--output", export).ExitCode);
        var ruleLine = File.ReadAllLines(export)[0];
        File.WriteAllLines(export, [ruleLine, ruleLine.Replace("\"version\":2", "\"version\":3", StringComparison.Ordinal)]);
        var output = Path.Combine(_temp.Path, "out.ndjson");
        var validate = CliRunner.Run("rules", "validate", export);
        var duplicateError = Assert.Single(validate.StandardOutput.Split('\n'), line => line.Contains("duplicate rule_id", StringComparison.Ordinal));

        var result = CliRunner.Run("rules", "convert", export, "--to", "kibana-ndjson", "--output", output);

        Assert.Equal(1, validate.ExitCode);
        Assert.StartsWith($"{export}(2,1): ", duplicateError, StringComparison.Ordinal);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(duplicateError, result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void OlderRevisionConvertedWithWarning()
    {
        var folder = Copies();
        var newer = Path.Combine(folder, "b.toml");
        File.WriteAllText(newer, File.ReadAllText(newer).Replace("version = 2", "version = 3", StringComparison.Ordinal));
        var output = Path.Combine(_temp.Path, "out.ndjson");

        var result = CliRunner.Run("rules", "convert", folder, "--to", "kibana-ndjson", "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("older revision", result.StandardError, StringComparison.Ordinal);
        Assert.True(File.Exists(output));
    }

    /// <summary>Writes a folder with two copies of one fixture rule.</summary>
    private string Copies()
    {
        var folder = Path.Combine(_temp.Path, "rules");
        Directory.CreateDirectory(folder);
        var toml = Path.Combine(RepoPaths.Fixtures, "rules", "aws-sts-assumerole-usage-v2.toml");
        File.Copy(toml, Path.Combine(folder, "a.toml"));
        File.Copy(toml, Path.Combine(folder, "b.toml"));
        return folder;
    }
}
