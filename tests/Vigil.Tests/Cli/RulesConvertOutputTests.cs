using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// <c>vigil rules convert</c> into one of its input folders works once, and a second run is a
/// usage error that names the output among the inputs, as in a hunt, instead of reading the first
/// run's output as copies of every rule.
/// </summary>
public sealed class RulesConvertOutputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void NdjsonOutputInInputFolderRerun()
    {
        var folder = RuleFolder();
        var output = Path.Combine(folder, "out.ndjson");

        var first = CliRunner.Run("rules", "convert", folder, "--to", "kibana-ndjson", "--output", output);
        var written = File.ReadAllText(output);
        var second = CliRunner.Run("rules", "convert", folder, "--to", "kibana-ndjson", "--output", output);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(2, second.ExitCode);
        Assert.Contains($"--output {output} is also an input file ({output}, in the input folder {folder})", second.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("duplicate rule_id", second.StandardOutput + second.StandardError, StringComparison.Ordinal);
        Assert.Equal(written, File.ReadAllText(output));
    }

    [Fact]
    public void TomlOutputInInputFolderRerun()
    {
        var folder = RuleFolder();
        var output = Path.Combine(folder, "toml");

        var first = CliRunner.Run("rules", "convert", folder, "--to", "toml", "--output", output);
        var second = CliRunner.Run("rules", "convert", folder, "--to", "toml", "--output", output);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(2, second.ExitCode);
        Assert.Contains($"--output {output} is inside an input folder and holds the rule file {output}/", second.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("duplicate rule_id", second.StandardOutput + second.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void TomlOutputBesideNamedFile()
    {
        var folder = RuleFolder();
        var output = Path.Combine(folder, "toml");
        var rule = Path.Combine(folder, "rule.toml");

        var first = CliRunner.Run("rules", "convert", rule, "--to", "toml", "--output", output);
        var second = CliRunner.Run("rules", "convert", rule, "--to", "toml", "--output", output);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
    }

    private string RuleFolder()
    {
        var folder = Path.Combine(_temp.Path, "rules");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(RepoPaths.Fixtures, "rules", "aws-sts-assumerole-usage-v2.toml"), Path.Combine(folder, "rule.toml"));
        return folder;
    }
}
