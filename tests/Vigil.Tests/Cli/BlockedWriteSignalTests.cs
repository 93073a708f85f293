using System.Diagnostics;
using Vigil.Generator;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// A signal that finds <c>hunt</c> (NDJSON or its alert table) or <c>convert</c> blocked writing to a
/// full pipe still stops it as interrupted, with exit 130, when the reader then closes the pipe, and
/// a second signal ends the blocked write at once. The test keeps the pipe full by not reading
/// standard output.
/// </summary>
public sealed class BlockedWriteSignalTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("convert", "vigil convert: interrupted")]
    [InlineData("hunt", "vigil hunt: interrupted; the NDJSON output ends")]
    [InlineData("hunt table", "vigil hunt: interrupted while the alert table was written")]
    public async Task ClosedAfterSignal_ExitsInterrupted(string command, string message)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the test reads /proc and sends signals with kill(1)");
        using var process = StartBlocked(command);
        using var cleanup = SignalProcess.KillAtEnd(process);

        SignalProcess.Send(process, "TERM");
        await SignalProcess.ReadStoppingLine(process);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        process.StandardOutput.Close();

        Assert.True(process.WaitForExit(SignalProcess.Patience), "the command did not stop once its output was closed");
        Assert.Equal(130, process.ExitCode);
        Assert.Contains(message, await error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("convert")]
    [InlineData("hunt")]
    [InlineData("hunt table")]
    public async Task SecondSignal_EndsBlockedWrite(string command)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the test reads /proc and sends signals with kill(1)");
        using var process = StartBlocked(command);
        using var cleanup = SignalProcess.KillAtEnd(process);

        SignalProcess.Send(process, "TERM");
        await SignalProcess.ReadStoppingLine(process);
        SignalProcess.Send(process, "TERM");

        Assert.True(process.WaitForExit(SignalProcess.Patience), "the command did not end at the second signal");
        Assert.Equal(143, process.ExitCode);
    }

    /// <summary>
    /// Starts <paramref name="command"/> writing to standard output, NDJSON or for <c>hunt table</c>
    /// the alert table, and returns once it waits on the full pipe.
    /// </summary>
    private Process StartBlocked(string command)
    {
        // Half the records alert, so the hunt's alerts too fill the pipe long before the end, and its
        // table of the 1,000 oldest alerts is larger than the pipe holds.
        var input = Path.Combine(_temp.Path, "trail.json");
        CloudTrailGenerator.Run(new GeneratorOptions(input, OutputLayout.Json, Seed: 5, RoleChainShare: 0.5, TargetBytes: 8L << 20), BuiltInProfile.Create());
        string[] arguments = command switch
        {
            "hunt" => ["hunt", input, "--format", "ndjson"],
            "hunt table" => ["hunt", input, "--format", "table"],
            _ => ["convert", input],
        };
        var process = CliRunner.Start(arguments);
        process.StandardInput.Close();

        try
        {
            SignalProcess.AwaitWaitIn(process, "pipe_write");
        }
        catch
        {
            process.Kill();
            throw;
        }

        return process;
    }
}
