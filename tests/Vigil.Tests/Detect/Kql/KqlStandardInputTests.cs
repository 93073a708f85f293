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
    public void SameFileAsStdinIsRead()
    {
        var document = Path.Combine(_folder, "doc.json");
        File.WriteAllText(document, """{"message": "text"}""");

        var result = RunWithInputFile(document, "kql", "eval", "message:text", "--doc", document, "--mapping", document);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("true", result.StandardOutput.Trim());
        Assert.DoesNotContain("cannot both read stdin", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void DevNullOnStdinIsNoConflict()
    {
        var result = RunWithInputFile("/dev/null", "kql", "eval", "a:b", "--doc", "/dev/null", "--mapping", "/dev/null");

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("cannot both read stdin", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("/dev/null", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("empty text", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void StdinFromFileStillRejectsAliases()
    {
        Assert.SkipUnless(File.Exists("/dev/stdin"), "no /dev/stdin");
        var document = Path.Combine(_folder, "doc.json");
        File.WriteAllText(document, """{"message": "text"}""");

        var result = RunWithInputFile(document, "kql", "eval", "message:text", "--doc", "/dev/stdin", "--mapping", "-");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--doc and --mapping cannot both read stdin", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-")]
    [InlineData("/dev/stdin")]
    [InlineData("/dev/fd/0")]
    [InlineData("/proc/self/fd/0")]
    [InlineData("/proc/thread-self/fd/0")]
    [InlineData("/dev/../dev/./fd/0")]
    public void StandardInputNamesAreFound(string path)
    {
        Assert.SkipUnless(File.Exists("/proc/self/fd/0"), "no /proc file system");

        Assert.True(Vigil.Cli.KqlStandardInput.NamesStandardInput(path));
    }

    [Fact]
    public void LinkChainToStdinIsFound()
    {
        Assert.SkipUnless(File.Exists("/proc/self/fd/0"), "no /proc file system");
        var first = Path.Combine(_folder, "first.json");
        var second = Path.Combine(_folder, "second.json");
        var folderLink = Path.Combine(_folder, "fd");
        File.CreateSymbolicLink(second, "fd/0");
        Directory.CreateSymbolicLink(folderLink, "/dev/fd");
        File.CreateSymbolicLink(first, "second.json");

        Assert.True(Vigil.Cli.KqlStandardInput.NamesStandardInput(first));
    }

    [Theory]
    [InlineData("/dev/null")]
    [InlineData("/dev/fd/1")]
    [InlineData("/proc/1/fd/0")]
    [InlineData("/dev/stdin.json")]
    public void OtherPathsAreNotStdin(string path)
    {
        Assert.False(Vigil.Cli.KqlStandardInput.NamesStandardInput(path));
    }

    [Fact]
    public void LinkToRegularFileIsNotStdin()
    {
        var target = Path.Combine(_folder, "doc.json");
        var link = Path.Combine(_folder, "link.json");
        var loop = Path.Combine(_folder, "loop.json");
        File.WriteAllText(target, "{}");
        File.CreateSymbolicLink(link, target);
        File.CreateSymbolicLink(loop, loop);

        Assert.False(Vigil.Cli.KqlStandardInput.NamesStandardInput(target));
        Assert.False(Vigil.Cli.KqlStandardInput.NamesStandardInput(link));
        Assert.False(Vigil.Cli.KqlStandardInput.NamesStandardInput(loop));
    }

    [Fact]
    public void ByteOrderMarkOnStdinIsSkipped()
    {
        var result = RunWithInput("\uFEFF" + """{"a": "b"}""", "kql", "eval", "a:b", "--doc", "-");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("true", result.StandardOutput.Trim());
    }

    /// <summary>
    /// Runs the program with the file <paramref name="inputFile"/> on stdin, as a shell's
    /// <c>&lt; file</c> gives it, so descriptor 0 is that file and not a pipe.
    /// </summary>
    private static CliRunner.CliResult RunWithInputFile(string inputFile, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        start.Environment["VIGIL_TEST_STDIN"] = inputFile;
        foreach (var argument in (string[])["-c", "exec dotnet \"$@\" < \"$VIGIL_TEST_STDIN\"", "sh", Path.Combine(AppContext.BaseDirectory, "vigil.dll"), .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new CliRunner.CliResult(process.ExitCode, output.Result, error.Result);
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
