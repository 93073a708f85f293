using System.Diagnostics;
using System.Globalization;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>Sends signals to a running <c>vigil</c> and watches for what it does with them, on Linux.</summary>
internal static class SignalProcess
{
    // Generous, because CI machines may be loaded.
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    /// <summary>Returns a scope that kills <paramref name="process"/> at its end, so a failed test leaves no blocked command behind.</summary>
    public static IDisposable KillAtEnd(Process process) => new Killer(process);

    /// <summary>Sends <paramref name="signal"/>, such as TERM, with kill(1).</summary>
    public static void Send(Process process, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Reads standard error up to the line that logs a received signal, and returns that line.</summary>
    public static async Task<string> ReadStoppingLine(Process process)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Patience);
        while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains(" received: stopping", StringComparison.Ordinal))
            {
                return line;
            }
        }

        Assert.Fail("standard error ended without the line that logs the signal");
        return "";
    }

    /// <summary>
    /// Whether the main thread of <paramref name="process"/>, which runs the command, waits in the
    /// kernel function whose name contains <paramref name="function"/>: pipe_write for a write to a
    /// full pipe, pipe_read for a read of an empty one, wait_for_partner to open a FIFO without a writer.
    /// </summary>
    /// <remarks>Only the main thread, because a runtime thread always waits in pipe_read for signals.</remarks>
    public static bool WaitsIn(Process process, string function)
    {
        try
        {
            // Newer kernels name the pipe functions anon_pipe_read and anon_pipe_write.
            return File.ReadAllText($"/proc/{process.Id}/wchan").Contains(function, StringComparison.Ordinal);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // The process gone.
            return false;
        }
    }

    /// <summary>
    /// Waits until <see cref="WaitsIn"/> is true, and fails the test when it does not become true in
    /// time. Skips the test on a kernel that does not name the functions processes wait in.
    /// </summary>
    public static void AwaitWaitIn(Process process, string function)
    {
        Assert.SkipUnless(KernelNamesWaits.Value, "this kernel shows no function name in /proc/PID/wchan, so the test cannot tell where the command waits");
        var waits = Eventually.True(() => WaitsIn(process, function), Patience);
        Assert.True(waits, $"the command never waited in {function}");
    }

    // A kernel may hide the names (wchan reads "0"), and the tests would then wait in vain.
    private static readonly Lazy<bool> KernelNamesWaits = new(() =>
    {
        using var sleep = Process.Start("sleep", "60");
        try
        {
            return Eventually.True(() => WaitsIn(sleep, "sleep"), TimeSpan.FromSeconds(10));
        }
        finally
        {
            sleep.Kill();
            sleep.WaitForExit();
        }
    });

    private sealed class Killer(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }
}
