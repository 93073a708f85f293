using System.Text.RegularExpressions;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary><c>vigil convert</c> over the real CloudTrail datasets kept beside the repository.</summary>
public class ConvertRealDataTests
{
    [Fact]
    public void RealDatasetsConvertWithoutErrors()
    {
        var datasets = RepoPaths.SharedOrSkip("data", "cloudtrail");
        using var temp = new TempDirectory();
        var output = Path.Combine(temp.Path, "events.ndjson");

        var result = CliRunner.Run("convert", datasets, "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"(?m)^  errors\s+0\s*$", result.StandardError);
        Assert.Matches(@"(?m)^  events\s+3,358\s*$", result.StandardError);
        Assert.Equal(3358, File.ReadLines(output).Count());
    }

    [Fact]
    public void RealDatasetsBulkBodyPairsLines()
    {
        var datasets = RepoPaths.SharedOrSkip("data", "cloudtrail");
        using var temp = new TempDirectory();
        var output = Path.Combine(temp.Path, "bulk.ndjson");

        CliRunner.Run("convert", datasets, "--output", output, "--bulk");

        var lines = File.ReadAllLines(output);
        Assert.Equal(2 * 3358, lines.Length);
        Assert.Equal(3358, lines.Count(line => Regex.IsMatch(line, "^\\{\"create\":\\{\"_index\":\"logs-aws\\.cloudtrail-default\"\\}\\}$")));
    }
}
