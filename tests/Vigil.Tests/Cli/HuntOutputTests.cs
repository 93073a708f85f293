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
    public void FullTableOutput_StopsWithError()
    {
        Assert.SkipUnless(File.Exists(FullDevice) && File.Exists("/bin/sh"), $"{FullDevice} or /bin/sh is not available here");

        // The table goes to standard output, so the shell points that at the full device.
        var vigil = Path.Combine(AppContext.BaseDirectory, "vigil.dll");
        var start = new System.Diagnostics.ProcessStartInfo("/bin/sh") { RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec dotnet '{vigil}' hunt '{RepoPaths.Samples}' > {FullDevice}");
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(3, process.ExitCode);
        Assert.Contains("cannot write the alerts to standard output", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hunt")]
    [InlineData("convert")]
    public void OutputFolder_IsUsageError(string command)
    {
        using var temp = new TempDirectory();

        var result = CliRunner.Run(command, RepoPaths.Samples, "--output", temp.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"vigil {command}: --output {temp.Path} is a folder; give a file path", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("denied", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyFolder_LeavesOutputAlone()
    {
        using var temp = new TempDirectory();
        var empty = Directory.CreateDirectory(Path.Combine(temp.Path, "empty")).FullName;
        var output = Path.Combine(temp.Path, "keep.ndjson");
        File.WriteAllText(output, "earlier alerts\n");

        var result = CliRunner.Run("hunt", empty, "--output", output);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no files found", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Records read", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("earlier alerts\n", File.ReadAllText(output));
    }

    [Fact]
    public void LongSource_KeepsEveryColumn()
    {
        using var temp = new TempDirectory();
        var input = Path.Combine(temp.Path, "long-source.ndjson");
        var records = Enumerable.Range(1, 3).Select(i => RoleChaining.Record(i, "2026-12-01T10:00:00Z")).ToList();
        records[0]["sourceIPAddress"] = new string('9', 5000);
        File.WriteAllLines(input, records.Select(record => record.ToJsonString()));

        var result = CliRunner.Run("hunt", input);

        Assert.Equal(0, result.ExitCode);
        foreach (var header in new[] { "Time", "Rule", "Severity", "User", "Source", "Action" })
        {
            Assert.Contains(header, result.StandardOutput, StringComparison.Ordinal);
        }

        Assert.Contains("pipeline-role-2", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('9', 100), result.StandardOutput, StringComparison.Ordinal);
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
