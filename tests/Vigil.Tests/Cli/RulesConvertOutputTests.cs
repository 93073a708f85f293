using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// <c>vigil rules convert --output</c> never overwrites a rule file it converts, whether the output
/// names it, links to it, or the TOML file it would write has its name.
/// </summary>
public sealed class RulesConvertOutputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void NdjsonOutput_IsInputExport_Rejected()
    {
        var export = Export();
        var before = File.ReadAllBytes(export);

        var result = CliRunner.Run("rules", "convert", export, "--to", "kibana-ndjson", "--output", export);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("which the conversion would overwrite", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(export));
    }

    [Fact]
    public void NdjsonOutput_LinkToInput_Rejected()
    {
        var export = Export();
        var before = File.ReadAllBytes(export);
        var link = Path.Combine(_temp.Path, "link.ndjson");
        File.CreateSymbolicLink(link, export);

        var result = CliRunner.Run("rules", "convert", export, "--to", "kibana-ndjson", "--output", link);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(export, result.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(export));
    }

    [Fact]
    public void TomlOutput_WouldOverwriteSource_RejectedBeforeWriting()
    {
        // Convert once to learn the file name the rule gets, then convert that file into its own folder.
        var first = Path.Combine(_temp.Path, "first");
        Assert.Equal(0, CliRunner.Run("rules", "convert", Export(), "--to", "toml", "--output", first).ExitCode);
        var source = Assert.Single(Directory.GetFiles(first));
        var before = File.ReadAllBytes(source);

        var result = CliRunner.Run("rules", "convert", first, "--to", "toml", "--output", first);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"would overwrite the rule file {source}", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(source));
    }

    [Fact]
    public void TomlOutput_NewFolder_Written()
    {
        var output = Path.Combine(_temp.Path, "converted");

        var result = CliRunner.Run("rules", "convert", Export(), "--to", "toml", "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Single(Directory.GetFiles(output));
    }

    /// <summary>Writes a Kibana export of one fixture rule into the test's folder.</summary>
    private string Export()
    {
        var export = Path.Combine(_temp.Path, "export.ndjson");
        if (!File.Exists(export))
        {
            var toml = Path.Combine(RepoPaths.Fixtures, "rules", "aws-sts-assumerole-usage-v2.toml");
            Assert.Equal(0, CliRunner.Run("rules", "convert", toml, "--to", "kibana-ndjson", "--output", export).ExitCode);
        }

        return export;
    }
}
