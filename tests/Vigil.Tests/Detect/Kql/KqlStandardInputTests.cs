using System.Text;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detect;

/// <summary>
/// The real <c>vigil kql</c> program with two options that name standard input, by <c>-</c> or by a
/// path such as <c>/dev/stdin</c>: only one may read it. The test runner gives the program a pipe as stdin.
/// </summary>
public sealed class KqlStandardInputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-kql-stdin").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("/dev/stdin", "-")]
    [InlineData("-", "/dev/stdin")]
    [InlineData("/proc/self/fd/0", "-")]
    [InlineData("-", "/proc/self/fd/0")]
    [InlineData("/dev/fd/0", "/dev/stdin")]
    public void DocumentAndMappingAliasesExitTwo(string document, string mapping)
    {
        Assert.SkipUnless(File.Exists("/proc/self/fd/0"), "no /proc file system");

        var result = RunWithInput("""{"a":"keyword"}""", "kql", "eval", "a:b", "--doc", document, "--mapping", mapping);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--doc and --mapping cannot both read stdin; put one of them in a file", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(result.StandardOutput);
    }

    [Fact]
    public void SymbolicLinkToStdinCounts()
    {
        Assert.SkipUnless(File.Exists("/dev/stdin"), "no /dev/stdin");
        var link = Path.Combine(_folder, "input.json");
        File.CreateSymbolicLink(link, "/dev/stdin");

        var result = RunWithInput("""{"a":"b"}""", "kql", "eval", "a:b", "--doc", "-", "--mapping", link);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--doc and --mapping cannot both read stdin", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void QueryFileAndMappingExitTwo()
    {
        Assert.SkipUnless(File.Exists("/dev/stdin"), "no /dev/stdin");

        var result = RunWithInput("a:b", "kql", "dsl", "--query-file", "/dev/stdin", "--mapping", "-");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--query-file and --mapping cannot both read stdin; put one of them in a file", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void DocumentAndQueryFileAliasesExitTwo()
    {
        Assert.SkipUnless(File.Exists("/dev/stdin"), "no /dev/stdin");

        var result = RunWithInput("a:b", "kql", "eval", "--query-file", "-", "--doc", "/dev/stdin");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--doc and --query-file cannot both read stdin", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void DevStdinDocumentWithMappingFile()
    {
        Assert.SkipUnless(File.Exists("/dev/stdin"), "no /dev/stdin");
        var mapping = Path.Combine(_folder, "mapping.json");
        File.WriteAllText(mapping, """{"message": "text"}""");

        var result = RunWithInput("""{"message": "Access Denied"}""", "kql", "eval", "message:denied", "--doc", "/dev/stdin", "--mapping", mapping);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("true", result.StandardOutput.Trim());
    }

    [Fact]
    public void DevStdinMappingWithDocumentFile()
    {
        Assert.SkipUnless(File.Exists("/dev/stdin"), "no /dev/stdin");
        var document = Path.Combine(_folder, "doc.json");
        File.WriteAllText(document, """{"message": "Access Denied"}""");

        var result = RunWithInput("""{"message": "text"}""", "kql", "eval", "message:denied", "--doc", document, "--mapping", "/dev/stdin");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("true", result.StandardOutput.Trim());
    }

    [Fact]
    public void TwoDifferentFilesAreRead()
    {
        var document = Path.Combine(_folder, "doc.json");
        var mapping = Path.Combine(_folder, "mapping.json");
        File.WriteAllText(document, """{"message": "Access Denied"}""");
        File.WriteAllText(mapping, """{"message": "text"}""");

        var result = RunWithInput("", "kql", "eval", "message:denied", "--doc", document, "--mapping", mapping);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("true", result.StandardOutput.Trim());
    }

    [Fact]
    public void ByteOrderMarkOnStdinIsSkipped()
    {
        var result = RunWithInput("\uFEFF" + """{"a": "b"}""", "kql", "eval", "a:b", "--doc", "-");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("true", result.StandardOutput.Trim());
    }

    /// <summary>Runs the program with <paramref name="input"/>, in UTF-8, on stdin.</summary>
    private static CliRunner.CliResult RunWithInput(string input, params string[] arguments)
    {
        using var process = CliRunner.Start(arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            process.StandardInput.BaseStream.Write(Encoding.UTF8.GetBytes(input));
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program may reject its options and exit before it reads stdin.
        }

        process.WaitForExit();
        return new CliRunner.CliResult(process.ExitCode, output.Result, error.Result);
    }
}
