using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// Input files that cannot be opened, and a <c>--data</c> that is a file, are reported with the
/// path and the fix, not with .NET's exception text.
/// </summary>
public sealed class OpenErrorTextTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("hunt")]
    [InlineData("convert")]
    [InlineData("ingest")]
    public void DanglingLinkInFolder_NamesTarget(string command)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "symbolic links need extra rights on Windows");
        var input = Directory.CreateDirectory(Path.Combine(_temp.Path, "input")).FullName;
        var link = Path.Combine(input, "broken.json");
        var target = Path.Combine(_temp.Path, "gone.json");
        File.CreateSymbolicLink(link, target);
        string[] data = command == "ingest" ? ["--data", Path.Combine(_temp.Path, "data")] : [];

        var result = CliRunner.Run([command, input, .. data]);

        Assert.Contains($"{link}: byte 0: the symbolic link's target {target} does not exist; restore the target, or remove the link", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Could not find file", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreadableFile_NamesPermission()
    {
        var input = Directory.CreateDirectory(Path.Combine(_temp.Path, "input")).FullName;
        var file = Path.Combine(input, "trail.json");
        File.WriteAllText(file, "{}");
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(_temp.Path, (UnixFileMode)0b111_101_101);
            File.SetUnixFileMode(input, (UnixFileMode)0b111_101_101);
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var result = UnprivilegedCli.Run(_temp.Path, "hunt", input);

        Assert.Contains($"{file}: byte 0: permission denied: the file could not be opened for reading; check its permissions", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Access to the path", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ingest")]
    [InlineData("serve")]
    public void DataIsFile_UsageError(string command)
    {
        var data = Path.Combine(_temp.Path, "afile");
        File.WriteAllText(data, "");
        string[] arguments = command == "ingest" ? ["ingest", RepoPaths.Samples, "--data", data] : ["serve", "--data", data, "--watch", _temp.Path];

        var result = CliRunner.Run(arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--data: The data directory {data} cannot be created, because {data} is a file, not a folder.", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void DataIsFile_StoreReadNamesFile()
    {
        var data = Path.Combine(_temp.Path, "afile");
        File.WriteAllText(data, "");

        var result = CliRunner.Run("alerts", "list", "--data", data);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--data: {data} is a file, not a folder", result.StandardError, StringComparison.Ordinal);
    }
}
