using System.Text.RegularExpressions;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// A hunt, conversion, ingest or serve names each file it skipped as not CloudTrail JSON, and a hunt,
/// conversion or ingest that read no event beside such files exits 1, so that reading the wrong
/// folder does not look clean. An ingest run again over such files reports them as the first run did.
/// </summary>
public sealed class NotCloudTrailFolderTests : IDisposable
{
    private const string AccessLogLine = "127.0.0.1 - - [06/Dec/2026:08:00:00 +0000] \"GET / HTTP/1.1\" 200 12\n";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("hunt")]
    [InlineData("convert")]
    [InlineData("ingest")]
    public void OnlyAccessLogs_ExitsOne(string command)
    {
        var folder = WriteAccessLogs(3);

        var result = Run(command, folder);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"vigil {command}: no CloudTrail event was read, and 3 files were skipped as not CloudTrail JSON", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hunt")]
    [InlineData("convert")]
    [InlineData("ingest")]
    public void OnlyAccessLogs_NamesEachFile(string command)
    {
        var folder = WriteAccessLogs(3);

        var result = Run(command, folder);

        for (var i = 0; i < 3; i++)
        {
            Assert.Contains($"access{i:D2}.log: byte 0, starting '127.0.0.1 - - [0': skipped as not CloudTrail JSON", result.StandardError, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("hunt")]
    [InlineData("ingest")]
    public void ManyFiles_NamesTwentyAndCountsRest(string command)
    {
        var folder = WriteAccessLogs(25);

        var result = Run(command, folder);

        Assert.Equal(20, Regex.Count(result.StandardError, ": skipped as not CloudTrail JSON"));
        Assert.Contains("5 more files were skipped as not CloudTrail JSON and are not named", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hunt")]
    [InlineData("convert")]
    [InlineData("ingest")]
    public void MixedFolder_NamesFileExitsZero(string command)
    {
        var folder = WriteAccessLogs(1);
        File.Copy(Directory.GetFiles(Path.Combine(RepoPaths.Samples, "exports")).First(), Path.Combine(folder, "trail.ndjson"));

        var result = Run(command, folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("access00.log: byte 0", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("no CloudTrail event was read", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void IngestRerun_ReportsFilesAgain()
    {
        var folder = WriteAccessLogs(2);
        var first = Run("ingest", folder);

        var result = Run("ingest", folder);

        Assert.Equal(1, first.ExitCode);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("vigil ingest: no CloudTrail event was read, and 2 files were skipped as not CloudTrail JSON", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("access00.log: byte 0, starting '127.0.0.1 - - [0': skipped as not CloudTrail JSON", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("access01.log: byte 0, starting '127.0.0.1 - - [0': skipped as not CloudTrail JSON", result.StandardError, StringComparison.Ordinal);
        Assert.Matches(@"Files already ingested\s+2\n", result.StandardError);
    }

    [Fact]
    public void IngestRerunBesideTrail_ExitsZero()
    {
        var folder = WriteAccessLogs(1);
        File.Copy(Directory.GetFiles(Path.Combine(RepoPaths.Samples, "exports")).First(), Path.Combine(folder, "trail.ndjson"));
        Run("ingest", folder);

        var result = Run("ingest", folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("access00.log: byte 0", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("no CloudTrail event was read", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void IngestRerunOfTrail_ExitsZero()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_temp.Path, "logs")).FullName;
        File.Copy(Directory.GetFiles(Path.Combine(RepoPaths.Samples, "exports")).First(), Path.Combine(folder, "trail.ndjson"));
        Run("ingest", folder);

        var result = Run("ingest", folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"Files already ingested\s+1\n", result.StandardError);
        Assert.DoesNotContain("not CloudTrail JSON", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_NamesEachFileOnce()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        var folder = WriteAccessLogs(2);
        File.WriteAllText(Path.Combine(folder, "escape.log"), "\u001b[31mred\n");
        File.Copy(Directory.GetFiles(Path.Combine(RepoPaths.Samples, "exports")).First(), Path.Combine(folder, "trail.ndjson"));

        using var serve = ServeProcess.Start("--data", Path.Combine(_temp.Path, "data"), "--watch", folder, "--poll", "200ms");
        bool AllRead() =>
            Regex.Count(serve.StandardError, "skipped as not CloudTrail JSON") >= 3
            && serve.StandardError.Contains("trail.ndjson", StringComparison.Ordinal);
        Assert.True(Eventually.True(AllRead, TimeSpan.FromSeconds(90)), serve.StandardError);

        // Several more scans, in which no file changes.
        Thread.Sleep(TimeSpan.FromSeconds(1));
        Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");
        var log = serve.StandardError;

        Assert.Equal(3, Regex.Count(log, "vigil\\.serve\\[102\\] .*: skipped as not CloudTrail JSON"));
        Assert.Contains("access00.log: byte 0, starting '127.0.0.1 - - [0': skipped as not CloudTrail JSON: the data does not start with '{' or '['; check that the watched folder holds CloudTrail logs.", log, StringComparison.Ordinal);
        Assert.Contains("access01.log: byte 0, starting '127.0.0.1 - - [0': skipped", log, StringComparison.Ordinal);
        Assert.Contains("escape.log: byte 0, starting '\\x1B[31mred", log, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", log, StringComparison.Ordinal);
        Assert.DoesNotContain("trail.ndjson: byte", log, StringComparison.Ordinal);
    }

    /// <summary>Runs <paramref name="command"/> on <paramref name="folder"/>, with a store in the temporary folder for ingest.</summary>
    private CliRunner.CliResult Run(string command, string folder) =>
        command == "ingest" ? CliRunner.Run(command, folder, "--data", Path.Combine(_temp.Path, "data")) : CliRunner.Run(command, folder);

    private string WriteAccessLogs(int count)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_temp.Path, "logs")).FullName;
        for (var i = 0; i < count; i++)
        {
            File.WriteAllText(Path.Combine(folder, $"access{i:D2}.log"), AccessLogLine);
        }

        return folder;
    }
}
