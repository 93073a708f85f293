using System.Diagnostics;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// Every command whose standard output cannot be written (a full disk) stops with one line naming
/// the command and exit code 3, instead of a stack trace.
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
        Assert.Equal(0, CliRunner.Run("rules", "run", BuiltInRuleId, "--from", "now-1h", "--to", "now+1m", "--data", data).ExitCode);

        var (exitCode, error) = RunToFullDevice(["alerts", "list", "--format", "ndjson", "--data", data]);

        Assert.Equal(3, exitCode);
        Assert.Contains("vigil alerts list: cannot write to standard output", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
    }

    private static string RulesFolder() => Path.Combine(RepoPaths.Fixtures, "rules");

    /// <summary>Runs vigil in a shell that points its standard output at the full device.</summary>
    private static (int ExitCode, string Error) RunToFullDevice(IEnumerable<string> arguments)
    {
        var vigil = Path.Combine(AppContext.BaseDirectory, "vigil.dll");
        var quoted = string.Join(' ', arguments.Select(argument => $"'{argument}'"));
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec dotnet '{vigil}' {quoted} > {FullDevice}");
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }
}
