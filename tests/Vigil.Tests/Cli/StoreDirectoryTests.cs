using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>A data directory whose <c>vigil.db</c> is a directory, which is neither a missing store nor a database.</summary>
public class StoreDirectoryTests
{
    [Theory]
    [InlineData("alerts", "list")]
    [InlineData("rules", "status")]
    [InlineData("ingest", "SAMPLES")]
    public void DatabaseDirectoryIsNamed(string command, string subcommand)
    {
        using var folder = new TempDirectory();
        var database = Directory.CreateDirectory(Path.Combine(folder.Path, "data", "vigil.db")).FullName;
        var argument = subcommand == "SAMPLES" ? RepoPaths.Samples : subcommand;

        var result = CliRunner.Run(command, argument, "--data", Path.Combine(folder.Path, "data"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--data: {database} is a directory, not a Vigil database. Give --data the directory that contains the vigil.db file", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("not found", result.StandardError, StringComparison.Ordinal);
    }
}
