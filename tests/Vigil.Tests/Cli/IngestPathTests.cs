using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// <c>vigil ingest</c>, <c>hunt</c> and <c>convert</c> reject a missing input path, or a symbolic link
/// to one, before they read or create anything.
/// </summary>
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

    [Theory]
    [InlineData("ingest")]
    [InlineData("hunt")]
    [InlineData("convert")]
    public void DanglingLinkIsUsageError(string command)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "symbolic links need extra rights on Windows");
        using var folder = new TempDirectory();
        var link = Path.Combine(folder.Path, "trail.json");
        File.CreateSymbolicLink(link, Path.Combine(folder.Path, "gone.json"));
        string[] data = command == "ingest" ? ["--data", Path.Combine(folder.Path, "data")] : [];

        var result = CliRunner.Run([command, link, .. data]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"vigil {command}: input path {link} is a symbolic link to {Path.Combine(folder.Path, "gone.json")}, which does not exist.", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void LinkLoopIsUsageError()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "symbolic links need extra rights on Windows");
        using var folder = new TempDirectory();
        var (first, second) = (Path.Combine(folder.Path, "a.json"), Path.Combine(folder.Path, "b.json"));
        File.CreateSymbolicLink(first, second);
        File.CreateSymbolicLink(second, first);

        var result = CliRunner.Run("hunt", first);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"input path not found: {first}.", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void DanglingLinkInFolder_RerunSucceeds()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "symbolic links need extra rights on Windows");
        using var folder = new TempDirectory();
        var input = Directory.CreateDirectory(Path.Combine(folder.Path, "input")).FullName;
        File.CreateSymbolicLink(Path.Combine(input, "broken.json"), Path.Combine(folder.Path, "gone.json"));
        File.Copy(Directory.GetFiles(Path.Combine(RepoPaths.Samples, "exports")).First(), Path.Combine(input, "trail.ndjson"));
        var data = Path.Combine(folder.Path, "data");

        var first = CliRunner.Run("ingest", input, "--data", data);
        var again = CliRunner.Run("ingest", input, "--data", data);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, again.ExitCode);
        Assert.Matches(@"Files already ingested\s+1\b", again.StandardError);
        Assert.Matches(@"Files not readable \(see warnings\)\s+1\b", again.StandardError);
    }

    [Fact]
    public void DataInsideInput_StoreNotRead()
    {
        using var folder = new TempDirectory();
        File.Copy(Directory.GetFiles(Path.Combine(RepoPaths.Samples, "exports")).First(), Path.Combine(folder.Path, "trail.ndjson"));
        var data = Path.Combine(folder.Path, "data");

        var first = CliRunner.Run("ingest", folder.Path, "--data", data);
        var again = CliRunner.Run("ingest", folder.Path, "--data", data);

        Assert.Equal(0, first.ExitCode);
        Assert.Matches(@"Files read\s+0\b", again.StandardError);
        Assert.Matches(@"Files already ingested\s+1\b", again.StandardError);
        Assert.DoesNotContain("not CloudTrail JSON", again.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void LinkToFolderIsRead()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "symbolic links need extra rights on Windows");
        using var folder = new TempDirectory();
        var link = Path.Combine(folder.Path, "samples");
        Directory.CreateSymbolicLink(link, RepoPaths.Samples);

        var result = CliRunner.Run("hunt", link);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Records read 16 = events 14", result.StandardError, StringComparison.Ordinal);
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
