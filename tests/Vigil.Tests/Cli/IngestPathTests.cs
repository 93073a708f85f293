using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary><c>vigil ingest</c> rejects a missing input path before it reads or creates anything.</summary>
public class IngestPathTests
{
    [Fact]
    public void MissingPathIsUsageError()
    {
        using var folder = new TempDirectory();
        var data = Path.Combine(folder.Path, "data");
        var missing = Path.Combine(folder.Path, "nonexist");

        var result = CliRunner.Run("ingest", missing, "--data", data);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"vigil ingest: input path not found: {missing}. Give a CloudTrail file or a directory of them.", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("already ingested", result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public void MissingPathBesideGoodOne()
    {
        using var folder = new TempDirectory();
        var data = Path.Combine(folder.Path, "data");
        var missing = Path.Combine(folder.Path, "nonexist");

        var result = CliRunner.Run("ingest", RepoPaths.Samples, missing, "--data", data);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"input path not found: {missing}.", result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data));
    }
}
