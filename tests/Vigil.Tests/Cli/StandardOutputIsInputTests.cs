using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// A hunt or a conversion whose standard output is appended to one of its input files
/// (<c>&gt;&gt; input.json</c>) would read the lines it writes, so it is rejected before reading.
/// </summary>
public sealed class StandardOutputIsInputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("hunt")]
    [InlineData("convert")]
    public void AppendedToInput_Rejected(string command)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "file identity is read on Linux");
        var input = CopySample();
        var before = File.ReadAllBytes(input);

        var result = ShellCli.Run($"vigil {command} \"$1\" >> \"$1\"", input);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"standard output is the input file {input}", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    /// <summary>Only a redirection with &gt; empties the file, so only then does the message state that it is empty.</summary>
    [Theory]
    [InlineData(">>", false)]
    [InlineData(">", true)]
    public void RedirectedToInput_EmptiedOnlyWhenEmpty(string redirection, bool emptied)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "file identity is read on Linux");
        var input = CopySample();

        var result = ShellCli.Run($"vigil hunt \"$1\" --format ndjson {redirection} \"$1\"", input);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"standard output is the input file {input}, so the hunt would read what it writes there.", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("Redirect standard output to a file outside the inputs.", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(emptied, new FileInfo(input).Length == 0);
        Assert.Equal(emptied, result.StandardError.Contains("The file is now empty, as a redirection with > empties it before the command starts.", StringComparison.Ordinal));
        Assert.Equal(emptied, result.StandardError.Contains("empt", StringComparison.Ordinal));
    }

    [Fact]
    public void AppendedToFileInInputFolder_Rejected()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "file identity is read on Linux");
        var input = CopySample();

        var result = ShellCli.Run("vigil hunt \"$1\" --format ndjson >> \"$2\"", _temp.Path, input);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"in the input folder {_temp.Path}", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ConvertToOutputFile_StandardOutputNotChecked()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "file identity is read on Linux");
        var input = CopySample();
        var output = Path.Combine(_temp.Path, "..", Path.GetFileName(_temp.Path) + "-out.ndjson");

        var result = ShellCli.Run("vigil convert \"$1\" --output \"$2\" >> \"$1\"", input, output);

        File.Delete(output);
        Assert.Equal(0, result.ExitCode);
    }

    [Theory]
    [InlineData("vigil hunt \"$1\" --format ndjson --output \"$2\" > \"$2\" 2>&1")]
    [InlineData("vigil hunt \"$1\" --output \"$2\" >> \"$2\"")]
    [InlineData("vigil convert \"$1\" --output \"$2\" > \"$2\" 2>&1")]
    public void OutputIsStandardOutput_Rejected(string script)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "file identity is read on Linux");
        var output = Path.Combine(_temp.Path, "out.txt");

        var result = ShellCli.Run(script, RepoPaths.Samples, output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is also where standard output goes", File.ReadAllText(output) + result.StandardError, StringComparison.Ordinal);
    }

    /// <summary>Copies one sample delivery file into the test's folder, so the test may append to it.</summary>
    private string CopySample()
    {
        var sample = Directory.EnumerateFiles(RepoPaths.Samples, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        var input = Path.Combine(_temp.Path, "input.json");
        File.Copy(sample, input, overwrite: true);
        return input;
    }
}
