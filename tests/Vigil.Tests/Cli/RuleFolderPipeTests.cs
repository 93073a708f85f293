using System.Diagnostics;
using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// A named pipe with a rule file's name in a rule folder is skipped with a warning that names it,
/// because opening it blocks until a writer appears, and the commands must not hang on it.
/// </summary>
public sealed class RuleFolderPipeTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("validate")]
    [InlineData("lint")]
    public void RulesCommandSkipsPipe(string command)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "named pipes are not files on Windows");
        var (folder, pipe) = FolderWithPipe();

        var result = RunWithin(Patience, "rules", command, folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{pipe}: warning: not a regular file: a named pipe", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("sarif")]
    public void LintSummaryCountsPipe(string format)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "named pipes are not files on Windows");
        var (folder, _) = FolderWithPipe();

        var result = RunWithin(Patience, "rules", "lint", folder, "--format", format);

        Assert.Contains("1 rule linted, 1 file skipped: 0 errors, 1 warning, 0 info", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void LintJsonListsPipe()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "named pipes are not files on Windows");
        var (folder, pipe) = FolderWithPipe();

        var result = RunWithin(Patience, "rules", "lint", folder, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var entry = Assert.Single(JsonNode.Parse(result.StandardOutput)!.AsArray())!;
        Assert.Equal("VR024", entry["id"]!.GetValue<string>());
        Assert.Equal("warning", entry["severity"]!.GetValue<string>());
        Assert.Equal(pipe, entry["file"]!.GetValue<string>());
        Assert.StartsWith("not a regular file", entry["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void LintSarifNotifiesPipe()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "named pipes are not files on Windows");
        var (folder, _) = FolderWithPipe();

        var result = RunWithin(Patience, "rules", "lint", folder, "--format", "sarif");

        Assert.Equal(0, result.ExitCode);
        var run = JsonNode.Parse(result.StandardOutput)!["runs"]![0]!;
        Assert.Empty(run["results"]!.AsArray());
        var invocation = Assert.Single(run["invocations"]!.AsArray())!;
        Assert.True(invocation["executionSuccessful"]!.GetValue<bool>());
        var notification = Assert.Single(invocation["toolExecutionNotifications"]!.AsArray())!;
        Assert.Equal("warning", notification["level"]!.GetValue<string>());
        Assert.Equal("VR024", notification["descriptor"]!["id"]!.GetValue<string>());
        Assert.EndsWith("/zz.toml", notification["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("VR024", Assert.Single(run["tool"]!["driver"]!["notifications"]!.AsArray())!["id"]!.GetValue<string>());
    }

    [Fact]
    public void HuntSkipsPipe()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "named pipes are not files on Windows");
        var (folder, pipe) = FolderWithPipe();
        var input = Path.Combine(_temp.Path, "input.json");
        File.WriteAllText(input, """{"Records":[]}""");

        var result = RunWithin(Patience, "hunt", input, "--rules", folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Rule file skipped: {pipe}: not a regular file", result.Output, StringComparison.Ordinal);
        Assert.Contains("Rules run                                                       1", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ServeSkipsPipeOnceAndStops()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        var (folder, _) = FolderWithPipe();
        var pipe = Path.Combine(folder, "later.toml");

        using var serve = ServeProcess.Start("--data", Path.Combine(_temp.Path, "data"), "--rules", folder, "--poll", "200ms");
        Assert.True(Eventually.True(() => serve.StandardError.Contains("vigil serve started", StringComparison.Ordinal), Patience), serve.StandardError);
        MakeFifo(pipe);
        var warning = $"Rule file skipped: {pipe}: not a regular file";
        Assert.True(Eventually.True(() => serve.StandardError.Contains(warning, StringComparison.Ordinal), Patience), serve.StandardError);

        // Several more scans meet the pipe, and it is logged only when it first appears.
        Thread.Sleep(TimeSpan.FromSeconds(1));
        Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), serve.StandardError);

        var first = serve.StandardError.IndexOf(warning, StringComparison.Ordinal);
        Assert.Equal(-1, serve.StandardError.IndexOf(warning, first + 1, StringComparison.Ordinal));
        Assert.Equal(0, serve.ExitCode);
    }

    /// <summary>Writes a folder with one valid rule and a named pipe called <c>zz.toml</c>.</summary>
    private (string Folder, string Pipe) FolderWithPipe()
    {
        var folder = Path.Combine(_temp.Path, "rules");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(RepoPaths.Fixtures, "rules", "aws-sts-assumerole-usage-v2.toml"), Path.Combine(folder, "a.toml"));
        var pipe = Path.Combine(folder, "zz.toml");
        MakeFifo(pipe);
        return (folder, pipe);
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
    }

    /// <summary>
    /// Runs the CLI, and kills it when it has not exited within <paramref name="timeout"/>, so a hang
    /// fails the test. Returns the exit code, stdout and stderr together, and stdout alone.
    /// </summary>
    private static (int ExitCode, string Output, string StandardOutput) RunWithin(TimeSpan timeout, params string[] arguments)
    {
        using var process = CliRunner.Start(arguments);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"vigil {string.Join(' ', arguments)} did not exit within {timeout.TotalSeconds} s");
        }

        process.WaitForExit();
        return (process.ExitCode, output.Result + error.Result, output.Result);
    }
}
