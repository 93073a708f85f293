using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// <c>--output</c> of <c>vigil hunt</c> and <c>vigil convert</c> never erases an input log: an
/// existing output file that is an input by another name (a link, a linked folder) or inside an
/// input folder is rejected before it is opened, and a run with nothing to read leaves it as it was.
/// </summary>
public class OutputIsInputTests
{
    private const string Sample = "etl-lambda-2026-12-01.ndjson";

    [Theory]
    [InlineData("hunt")]
    [InlineData("convert")]
    public void SymbolicLinkToInputIsRejected(string command)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "no device and inode numbers on Windows");
        using var temp = new TempDirectory();
        var victim = CopySample(temp.Path, "victim.json");
        var link = Path.Combine(temp.Path, "link.json");
        File.CreateSymbolicLink(link, victim);
        var before = File.ReadAllBytes(victim);

        var result = CliRunner.Run(command, victim, "--output", link);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--output {link} is also an input file ({victim})", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("Choose an output file that is neither an input file nor inside an input folder.", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("being used by another process", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(victim));
    }

    [Theory]
    [InlineData("hunt")]
    [InlineData("convert")]
    public void HardLinkToInputIsRejected(string command)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "no device and inode numbers on Windows");
        using var temp = new TempDirectory();
        var victim = CopySample(temp.Path, "victim.json");
        var link = Path.Combine(temp.Path, "hard.json");
        Assert.Equal(0, ShellCli.Run("ln \"$1\" \"$2\"", victim, link).ExitCode);
        var before = File.ReadAllBytes(victim);

        var result = CliRunner.Run(command, victim, "--output", link);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--output {link} is also an input file ({victim})", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(victim));
    }

    [Theory]
    [InlineData("hunt")]
    [InlineData("convert")]
    public void PathThroughLinkedFolderIsRejected(string command)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "no device and inode numbers on Windows");
        using var temp = new TempDirectory();
        var folder = Directory.CreateDirectory(Path.Combine(temp.Path, "logs")).FullName;
        var victim = CopySample(folder, "victim.json");
        var linkedFolder = Path.Combine(temp.Path, "linked");
        Directory.CreateSymbolicLink(linkedFolder, folder);
        var before = File.ReadAllBytes(victim);

        var result = CliRunner.Run(command, victim, "--output", Path.Combine(linkedFolder, "victim.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"is also an input file ({victim})", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(victim));
    }

    [Theory]
    [InlineData("hunt")]
    [InlineData("convert")]
    public void FileInInputFolderIsRejected(string command)
    {
        using var temp = new TempDirectory();
        var folder = Directory.CreateDirectory(Path.Combine(temp.Path, "logs")).FullName;
        var log = CopySample(folder, "in.json");
        var before = File.ReadAllBytes(log);

        var result = CliRunner.Run(command, folder, "--output", log);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--output {log} is also an input file ({log}, in the input folder {folder})", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("no files found", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(log));
    }

    [Theory]
    [InlineData("hunt")]
    [InlineData("convert")]
    public void UnlistableFolderLeavesOutput(string command)
    {
        using var temp = new TempDirectory();
        var locked = UnprivilegedCli.LockedFolder(temp.Path);
        var output = Path.Combine(temp.Path, "earlier.ndjson");
        File.WriteAllText(output, "alerts of an earlier run\n");

        // Writable by the user the command runs as, so that only the command's own check keeps it whole.
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(output, (UnixFileMode)0b110_110_110);
        }

        var result = UnprivilegedCli.Run(temp.Path, command, locked, "--output", output);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{locked}: the folder could not be listed (", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("alerts of an earlier run\n", File.ReadAllText(output));
    }

    [Theory]
    [InlineData("hunt")]
    [InlineData("convert")]
    public void NewOutputInInputFolderIsNotRead(string command)
    {
        using var temp = new TempDirectory();
        CopySample(temp.Path, "events.ndjson");
        var output = Path.Combine(temp.Path, "out.ndjson");

        var result = CliRunner.Run(command, temp.Path, "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"Files read\s+1\b", result.StandardError);
        Assert.True(new FileInfo(output).Length > 0, $"{output} is empty");
    }

    private static string CopySample(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        File.Copy(Path.Combine(RepoPaths.Samples, "exports", Sample), path);
        return path;
    }
}
