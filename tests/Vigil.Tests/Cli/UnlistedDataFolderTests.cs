using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// <c>vigil ingest</c> and <c>vigil convert</c> report an input folder that cannot be listed as a
/// path not read, as a hunt does: a warning names it, the summary counts it apart, and it adds no
/// file, record or error.
/// </summary>
public class UnlistedDataFolderTests
{
    private const string Event = """{"Records":[{"eventVersion":"1.08","eventTime":"2026-12-01T10:00:00Z","eventName":"GetCallerIdentity","eventSource":"sts.amazonaws.com","eventID":"e-1"}]}""";

    [Fact]
    public void IngestCountsFolderApartFromRecords()
    {
        using var folder = new TempDirectory();
        using var data = WritableData();
        var locked = UnprivilegedCli.LockedFolder(folder.Path);
        File.WriteAllText(Path.Combine(folder.Path, "events.json"), Event);

        var result = UnprivilegedCli.Run(folder.Path, "ingest", folder.Path, "--data", data.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{locked}: the folder could not be listed (", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("); check its permissions", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("byte 0", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Files not readable", result.StandardError, StringComparison.Ordinal);
        Assert.Matches(@"Files read\s+1\b", result.StandardError);
        Assert.Matches(@"Folders not listed \(see warnings\)\s+1\b", result.StandardError);
        Assert.Contains("Records read 1 = stored 1 + duplicates 0 + errors 0 + skipped 0", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void IngestOfOnlyUnlistableFolderExitsOne()
    {
        using var folder = new TempDirectory();
        using var data = WritableData();
        var locked = UnprivilegedCli.LockedFolder(folder.Path);

        var result = UnprivilegedCli.Run(folder.Path, "ingest", locked, "--data", data.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{locked}: the folder could not be listed (", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Files not readable", result.StandardError, StringComparison.Ordinal);
        Assert.Matches(@"Folders not listed \(see warnings\)\s+1\b", result.StandardError);
        Assert.Contains("Records read 0 = stored 0 + duplicates 0 + errors 0 + skipped 0", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("no files found", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void IngestRerunBesideUnlistableFolderSucceeds()
    {
        using var folder = new TempDirectory();
        using var data = WritableData();
        UnprivilegedCli.LockedFolder(folder.Path);
        File.WriteAllText(Path.Combine(folder.Path, "events.json"), Event);
        UnprivilegedCli.Run(folder.Path, "ingest", folder.Path, "--data", data.Path);

        var result = UnprivilegedCli.Run(folder.Path, "ingest", folder.Path, "--data", data.Path);

        // Nothing new to read is success, and the folder alone does not turn it into a failure.
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"Files already ingested\s+1\b", result.StandardError);
        Assert.Matches(@"Folders not listed \(see warnings\)\s+1\b", result.StandardError);
    }

    [Fact]
    public void ConvertCountsFolderApartFromRecords()
    {
        using var folder = new TempDirectory();
        var locked = UnprivilegedCli.LockedFolder(folder.Path);
        File.WriteAllText(Path.Combine(folder.Path, "events.json"), Event);

        var result = UnprivilegedCli.Run(folder.Path, "convert", folder.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Single(result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"{locked}: the folder could not be listed (", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("); check its permissions", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("byte 0", result.StandardError, StringComparison.Ordinal);
        Assert.Matches(@"Files read\s+1\b", result.StandardError);
        Assert.Matches(@"Folders not listed \(see warnings\)\s+1\b", result.StandardError);
        Assert.Contains("Records read 1 = events 1 + errors 0 + skipped 0", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ConvertOfOnlyUnlistableFolderExitsOne()
    {
        using var folder = new TempDirectory();
        var locked = UnprivilegedCli.LockedFolder(folder.Path);

        var result = UnprivilegedCli.Run(folder.Path, "convert", locked);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        Assert.Contains($"{locked}: the folder could not be listed (", result.StandardError, StringComparison.Ordinal);
        Assert.Matches(@"Files read\s+0\b", result.StandardError);
        Assert.Matches(@"Folders not listed \(see warnings\)\s+1\b", result.StandardError);
        Assert.Contains("Records read 0 = events 0 + errors 0 + skipped 0", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("no files found", result.StandardError, StringComparison.Ordinal);
    }

    /// <summary>A data directory that <c>nobody</c> can create its store in.</summary>
    private static TempDirectory WritableData()
    {
        var data = new TempDirectory();
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(data.Path, (UnixFileMode)0b111_111_111);
        }

        return data;
    }
}
