using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// A pipe named as a CloudTrail input, such as <c>/dev/stdin</c> or the <c>/dev/fd/63</c> of
/// <c>&lt;(zcat …)</c>, is read by <c>hunt</c> and <c>convert</c>. <c>ingest</c>, which resumes a
/// file from its saved offset, names it as not a regular file instead of as a missing path.
/// </summary>
public sealed class InputPipeTests
{
    private const string Record = """{"eventVersion":"1.08","eventTime":"2026-12-01T09:00:00Z","eventName":"AssumeRole","eventSource":"sts.amazonaws.com","eventID":"pipe-1","awsRegion":"us-east-1","userIdentity":{"type":"AssumedRole","sessionContext":{"sessionIssuer":{"type":"Role"}}}}""";

    // "-" names standard input too, also after "--", as it does for cat.
    [Theory]
    [InlineData("hunt", "/dev/stdin", "--format", "ndjson")]
    [InlineData("hunt", "-", "--format", "ndjson")]
    [InlineData("hunt", "--format", "ndjson", "--", "-")]
    public void Hunt_ReadsStandardInput(params string[] arguments)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "there is no /dev/stdin on Windows");

        var result = RunWithInput(Record + "\n", arguments);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Records read 1 = events 1 + errors 0 + skipped 0", result.StandardError, StringComparison.Ordinal);
        Assert.Single(result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("/dev/stdin")]
    [InlineData("-")]
    public void Convert_ReadsStandardInput(string path)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "there is no /dev/stdin on Windows");

        var result = RunWithInput(Record + "\n", "convert", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"id\":\"pipe-1\"", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_DashNamesStandardInput()
    {
        using var temp = new TempDirectory();

        var result = RunWithInput(Record + "\n", "ingest", "-", "--data", Path.Combine(temp.Path, "data"));

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("unknown option", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("vigil ingest: - names standard input, which ingest does not read", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_NamesPipeNotRegular()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "there is no /dev/stdin on Windows");
        using var temp = new TempDirectory();

        var result = RunWithInput(Record + "\n", "ingest", "/dev/stdin", "--data", Path.Combine(temp.Path, "data"));

        Assert.DoesNotContain("not found", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("/dev/stdin: byte 0: not a regular file", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Hunt_SkipsPipeInFolder()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "named pipes are a Unix file type");
        using var temp = new TempDirectory();
        var pipe = Path.Combine(temp.Path, "trail.json");
        MakeFifo(pipe);

        var result = CliRunner.Run("hunt", temp.Path);

        Assert.Contains($"{pipe}: byte 0: not a regular file", result.StandardError, StringComparison.Ordinal);
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    private static CliRunner.CliResult RunWithInput(string input, params string[] arguments) =>
        CliRunner.RunWithInput(System.Text.Encoding.UTF8.GetBytes(input), arguments);
}
