using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// A hunt whose alerts cannot be written stops with one error that names the output, instead of
/// reporting the input file as unreadable and going on. A reader that stops reading ends it quietly.
/// </summary>
public class HuntOutputTests
{
    private const string FullDevice = "/dev/full";

    [Fact]
    public void FullOutput_StopsWithError()
    {
        Assert.SkipUnless(File.Exists(FullDevice), $"{FullDevice} is not available here");

        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--output", FullDevice);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"cannot write the alerts to --output {FullDevice}", result.StandardError);
        Assert.DoesNotContain("Unhandled exception", result.StandardError);
        Assert.DoesNotContain("reading stopped", result.StandardError);
    }

    [Fact]
    public void ClosedPipe_StopsQuietly()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "a closed pipe is checked on Unix");
        using var temp = new TempDirectory();
        var input = Path.Combine(temp.Path, "chains.ndjson");
        File.WriteAllLines(input, Enumerable.Range(1, 400).Select(i => RoleChaining.Record(i, "2026-12-01T10:00:00Z").ToJsonString()));

        // A pipe buffers 64 KiB and an alert is about 8 KB, so the hunt is still writing when the reader leaves.
        using var process = CliRunner.Start("hunt", input, "--format", "ndjson");
        process.StandardInput.Close();
        var first = process.StandardOutput.ReadLine();
        process.StandardOutput.Close();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.StartsWith("{", first, StringComparison.Ordinal);
        Assert.Equal(0, process.ExitCode);
        Assert.DoesNotContain("Records read", error, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot write", error, StringComparison.Ordinal);
    }
}
