using System.Diagnostics;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// A command blocked opening a FIFO or reading a pipe does not see the first signal, which only
/// requests a clean stop. A second signal of either kind ends it at once with the default action.
/// </summary>
public sealed class SecondSignalTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Hunt_FifoWithoutWriter_EndsAtSecondSignal()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the test sends signals with kill(1)");
        var fifo = Path.Combine(_temp.Path, "trail.json");
        MakeFifo(fifo);
        using var hunt = CliRunner.Start("hunt", fifo);
        using var cleanup = SignalProcess.KillAtEnd(hunt);
        hunt.StandardInput.Close();
        _ = hunt.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        SignalProcess.AwaitWaitIn(hunt, "wait_for_partner");

        SignalProcess.Send(hunt, "TERM");
        var stopping = await SignalProcess.ReadStoppingLine(hunt);
        SignalProcess.Send(hunt, "TERM");

        Assert.True(hunt.WaitForExit(SignalProcess.Patience), "the hunt did not end at the second signal");
        Assert.Equal(143, hunt.ExitCode);
        Assert.Contains("send it again to stop at once", stopping, StringComparison.Ordinal);
    }

    /// <summary>
    /// Standard input stays open and empty, so a read of /dev/stdin blocks: as the conversion's input,
    /// or as the hunt's rules, read before the CloudTrail file TRAIL.
    /// </summary>
    [Theory]
    [InlineData("INT", "convert", "/dev/stdin")]
    [InlineData("TERM", "hunt", "TRAIL", "--rules", "/dev/stdin")]
    public async Task SilentStandardInput_EndsAtSecondSignal(string firstSignal, params string[] arguments)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the test sends signals with kill(1)");
        var trail = Path.Combine(_temp.Path, "trail.json");
        File.WriteAllText(trail, """{"Records":[]}""");
        using var process = CliRunner.Start(arguments.Select(argument => argument == "TRAIL" ? trail : argument).ToArray());
        using var cleanup = SignalProcess.KillAtEnd(process);
        _ = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        SignalProcess.AwaitWaitIn(process, "pipe_read");

        SignalProcess.Send(process, firstSignal);
        await SignalProcess.ReadStoppingLine(process);
        SignalProcess.Send(process, "TERM");

        Assert.True(process.WaitForExit(SignalProcess.Patience), "the command did not end at the second signal");
        Assert.Equal(143, process.ExitCode);
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
