using System.Diagnostics;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// Every command whose standard output cannot be written (a full disk) stops with one line naming
/// the command and exit code 3, instead of a stack trace. One whose standard error cannot be
/// written goes on silently and keeps its exit code.
/// </summary>
public class StandardOutputFailureTests
{
    private const string FullDevice = "/dev/full";

    // The AssumeRole rule that every store registers, whose alerts the samples raise.
    private const string BuiltInRuleId = "93075852-b0f5-4b8b-89c3-a226efae5726";

    [Theory]
    [InlineData("vigil kql parse", "kql", "parse", "a:b")]
    [InlineData("vigil rules lint", "rules", "lint", "{rules}")]
    [InlineData("vigil rules show", "rules", "show", "{rules}/aws-sts-assumerole-usage-v1.toml")]
    [InlineData("vigil rules validate", "rules", "validate", "{rules}/invalid")]
    [InlineData("vigil rules convert", "rules", "convert", "{rules}/aws-sts-assumerole-usage-v2.toml", "--to", "kibana-ndjson", "--output", "-")]
    [InlineData("vigil", "--help")]
    public void FullDevice_OneLineError(string command, params string[] arguments)
    {
        Assert.SkipUnless(File.Exists(FullDevice) && File.Exists("/bin/sh"), $"{FullDevice} or /bin/sh is not available here");

        var (exitCode, error) = RunToFullDevice(arguments.Select(argument => argument.Replace("{rules}", RulesFolder())));

        Assert.Equal(3, exitCode);
        Assert.Contains($"{command}: cannot write to standard output", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AlertsList_FullDevice_OneLineError()
    {
        Assert.SkipUnless(File.Exists(FullDevice) && File.Exists("/bin/sh"), $"{FullDevice} or /bin/sh is not available here");
        using var temp = new TempDirectory();
        var data = Path.Combine(temp.Path, "data");
        Assert.Equal(0, CliRunner.Run("ingest", RepoPaths.Samples, "--data", data).ExitCode);
        Assert.Equal(0, CliRunner.Run("rules", "run", BuiltInRuleId, "--from", "now-1h", "--to", "now", "--data", data).ExitCode);

        var (exitCode, error) = RunToFullDevice(["alerts", "list", "--format", "ndjson", "--data", data]);

        Assert.Equal(3, exitCode);
        Assert.Contains("vigil alerts list: cannot write to standard output", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesConvert_FullOutputFile_PlainMessage()
    {
        Assert.SkipUnless(File.Exists(FullDevice) && File.Exists("/bin/sh"), $"{FullDevice} or /bin/sh is not available here");

        var (exitCode, error) = Run(["rules", "convert", Path.Combine(RulesFolder(), "aws-sts-assumerole-usage-v2.toml"), "--to", "kibana-ndjson", "--output", FullDevice], "");

        Assert.Equal(3, exitCode);
        Assert.Contains($"vigil rules convert: cannot write {FullDevice}: No space left on device. The output is incomplete", error, StringComparison.Ordinal);
        Assert.DoesNotContain("--help", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void Hunt_FullOutputFile_PlainMessage()
    {
        Assert.SkipUnless(File.Exists(FullDevice) && File.Exists("/bin/sh"), $"{FullDevice} or /bin/sh is not available here");

        var (exitCode, error) = Run(["hunt", RepoPaths.Samples, "--output", FullDevice], "");

        Assert.Equal(3, exitCode);
        Assert.Contains($"to --output {FullDevice}: No space left on device. The hunt stopped.", error, StringComparison.Ordinal);
        Assert.DoesNotContain(" : '", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Hunt_FullStandardOutput_SaysHuntFinished()
    {
        Assert.SkipUnless(File.Exists(FullDevice) && File.Exists("/bin/sh"), $"{FullDevice} or /bin/sh is not available here");

        var (exitCode, error) = RunToFullDevice(["hunt", RepoPaths.Samples]);

        Assert.Equal(3, exitCode);
        Assert.Contains("The hunt finished, but its alert table was not written in full.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("The hunt stopped", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stdout")]
    [InlineData(FullDevice)]
    public void Convert_FullDevice_OneLineError(string target)
    {
        Assert.SkipUnless(File.Exists(FullDevice) && File.Exists("/bin/sh"), $"{FullDevice} or /bin/sh is not available here");

        var (exitCode, error) = target == "stdout"
            ? RunToFullDevice(["convert", RepoPaths.Samples])
            : Run(["convert", RepoPaths.Samples, "--output", FullDevice], "");

        Assert.Equal(3, exitCode);
        Assert.Contains($"vigil convert: cannot write the documents to {target}: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain(" : '", error, StringComparison.Ordinal);
        Assert.DoesNotContain("fail:", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "hunt", "{samples}")]
    [InlineData(0, "convert", "{samples}")]
    [InlineData(1, "kql", "parse", "a:(")]
    [InlineData(1, "rules", "validate", "{rules}/invalid")]
    public void FullErrorDevice_KeepsExitCode(int expected, params string[] arguments)
    {
        Assert.SkipUnless(File.Exists(FullDevice) && File.Exists("/bin/sh"), $"{FullDevice} or /bin/sh is not available here");

        // Standard output goes to /dev/null and standard error to the full device.
        var resolved = arguments.Select(argument => argument.Replace("{rules}", RulesFolder()).Replace("{samples}", RepoPaths.Samples));
        var exitCode = Run(resolved, "> /dev/null 2> " + FullDevice).ExitCode;

        Assert.Equal(expected, exitCode);
    }

    [Fact]
    public void Hunt_ClosedStandardOutput_WritesOutputFile()
    {
        Assert.SkipUnless(File.Exists("/bin/sh"), "/bin/sh is not available here");
        using var temp = new TempDirectory();
        var output = Path.Combine(temp.Path, "alerts.ndjson");

        var (exitCode, error) = Run(["hunt", RepoPaths.Samples, "--format", "ndjson", "--output", output], ">&-");

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
        Assert.Equal(3, File.ReadAllLines(output).Length);
    }

    [Theory]
    [InlineData("vigil hunt: cannot write the alerts to standard output: standard output was closed", "hunt", "{samples}", "--format", "ndjson")]
    [InlineData("vigil hunt: cannot write the alerts to standard output: standard output was closed", "hunt", "{samples}")]
    [InlineData("vigil rules validate: cannot write to standard output: standard output was closed", "rules", "validate", "{rules}/invalid")]
    [InlineData("vigil convert: cannot write the documents to stdout: standard output was closed", "convert", "{samples}")]
    public void ClosedStandardOutput_OneLineError(string expected, params string[] arguments)
    {
        Assert.SkipUnless(File.Exists("/bin/sh"), "/bin/sh is not available here");
        var resolved = arguments.Select(argument => argument.Replace("{rules}", RulesFolder()).Replace("{samples}", RepoPaths.Samples));

        var (exitCode, error) = Run(resolved, ">&-");

        Assert.Equal(3, exitCode);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains("redirect standard output to a file", error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Kql_ClosedStandardInput_NamesIt()
    {
        Assert.SkipUnless(File.Exists("/bin/sh"), "/bin/sh is not available here");

        var (exitCode, error) = Run(["kql", "eval", "a:b", "--doc", "-"], "<&- > /dev/null");

        Assert.Equal(2, exitCode);
        Assert.Contains("--doc -: could not be read: standard input was closed when vigil started", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Hunt_ClosedStandardError_KeepsExitCode()
    {
        Assert.SkipUnless(File.Exists("/bin/sh"), "/bin/sh is not available here");
        using var temp = new TempDirectory();
        var output = Path.Combine(temp.Path, "alerts.ndjson");

        var exitCode = Run(["hunt", RepoPaths.Samples, "--format", "ndjson", "--output", output], "> /dev/null 2>&-").ExitCode;

        Assert.Equal(0, exitCode);
        Assert.Equal(3, File.ReadAllLines(output).Length);
    }

    private static string RulesFolder() => Path.Combine(RepoPaths.Fixtures, "rules");

    /// <summary>Runs vigil in a shell that points its standard output at the full device.</summary>
    private static (int ExitCode, string Error) RunToFullDevice(IEnumerable<string> arguments) => Run(arguments, "> " + FullDevice);

    /// <summary>Runs vigil in a shell with <paramref name="redirections"/>, and returns what reached standard error.</summary>
    private static (int ExitCode, string Error) Run(IEnumerable<string> arguments, string redirections)
    {
        var vigil = Path.Combine(AppContext.BaseDirectory, "vigil.dll");
        var quoted = string.Join(' ', arguments.Select(argument => $"'{argument}'"));
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec dotnet '{vigil}' {quoted} {redirections}");
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }
}
