using System.Diagnostics;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// A command blocked opening a FIFO or reading a pipe does not see the first signal, which only
/// asks for a clean stop. A second signal of either kind ends it at once with the default action.
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

    [Fact]
    public async Task Convert_SilentStandardInput_EndsAtSecondSignal()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the test sends signals with kill(1)");

        // Standard input stays open and empty, so the read of /dev/stdin blocks.
        using var convert = CliRunner.Start("convert", "/dev/stdin");
        _ = convert.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        SignalProcess.AwaitWaitIn(convert, "pipe_read");

        SignalProcess.Send(convert, "INT");
        await SignalProcess.ReadStoppingLine(convert);
        SignalProcess.Send(convert, "TERM");

        Assert.True(convert.WaitForExit(SignalProcess.Patience), "the conversion did not end at the second signal");
        Assert.Equal(143, convert.ExitCode);
    }

    [Fact]
    public async Task Hunt_SilentRulesPipe_EndsAtSecondSignal()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the test sends signals with kill(1)");
        var input = Path.Combine(_temp.Path, "trail.json");
        File.WriteAllText(input, """{"Records":[]}""");
        using var hunt = CliRunner.Start("hunt", input, "--rules", "/dev/stdin");
        _ = hunt.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        SignalProcess.AwaitWaitIn(hunt, "pipe_read");

        SignalProcess.Send(hunt, "TERM");
        await SignalProcess.ReadStoppingLine(hunt);
        SignalProcess.Send(hunt, "TERM");

        Assert.True(hunt.WaitForExit(SignalProcess.Patience), "the hunt did not end at the second signal");
        Assert.Equal(143, hunt.ExitCode);
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
