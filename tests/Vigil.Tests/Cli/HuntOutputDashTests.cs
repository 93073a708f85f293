using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// <c>--output -</c> writes the NDJSON alerts to standard output and nothing else, because a table
/// on the same stream would mix with them. It rejects an explicit <c>--format table</c>.
/// </summary>
public class HuntOutputDashTests
{
    // The sample hunt raises three alerts.
    private const int SampleAlerts = 3;

    [Fact]
    public void DashAlone_WritesOnlyNdjson()
    {
        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--output", "-");

        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(SampleAlerts, lines.Length);
        Assert.All(lines, line => Assert.NotNull(JsonNode.Parse(line)!["kibana.alert.uuid"]));
        Assert.Contains("Records read", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void DashRedirected_WritesOnlyNdjson()
    {
        using var temp = new TempDirectory();
        var output = Path.Combine(temp.Path, "hunt.txt");

        var result = ShellCli.Run("vigil hunt \"$1\" --output - > \"$2\" 2>/dev/null", RepoPaths.Samples, output);

        var lines = File.ReadAllLines(output);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(SampleAlerts, lines.Length);
        Assert.All(lines, line => Assert.NotNull(JsonNode.Parse(line)!["kibana.alert.uuid"]));
    }

    [Fact]
    public void DashWithNdjson_WritesNdjson()
    {
        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--format", "ndjson", "--output", "-");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(SampleAlerts, result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData("--format table --output -")]
    [InlineData("--output - -f table")]
    [InlineData("-o - --format=table")]
    public void DashWithTable_IsUsageError(string options)
    {
        var result = CliRunner.Run(["hunt", RepoPaths.Samples, .. options.Split(' ')]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        Assert.Contains("vigil hunt: --format table and --output - both write to standard output", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("Use --format ndjson, or give --output a file", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("Run 'vigil hunt --help' for usage.", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Records read", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void FileWithTable_KeepsTable()
    {
        using var temp = new TempDirectory();
        var output = Path.Combine(temp.Path, "alerts.ndjson");

        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--format", "table", "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("AdminRole", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("kibana.alert.uuid", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(SampleAlerts, File.ReadAllLines(output).Length);
    }

    [Fact]
    public void HelpSaysDashMeansNdjson()
    {
        var result = CliRunner.Run("hunt", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("'-' writes only NDJSON to stdout", result.StandardOutput, StringComparison.Ordinal);
    }
}
