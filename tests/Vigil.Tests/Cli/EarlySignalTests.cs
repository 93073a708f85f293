using System.Diagnostics;
using System.Globalization;
using Vigil.Generator;
using Vigil.Store;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// A SIGTERM during the start-up of <c>vigil rules run</c>, once the process has opened the store
/// and before it loads the rule, stops the run with its message and exit code 130, as a later one
/// does, instead of ending the process with 143. A SIGTERM at any moment of an ingest's start-up
/// stops it.
/// </summary>
public class EarlySignalTests
{
    // Generous, because CI machines may be loaded.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    // 130 for a signal the command took over, 143 for one before the runtime set its handlers.
    private static readonly int[] SignalExitCodes = [130, 143];

    [Fact]
    public async Task RulesRunStopsAtStartupSignal()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the test finds the open store in /proc");
        using var store = new CliStore();
        var rule = store.WriteRule("every-second.toml", ("interval = \"5m\"", "interval = \"1s\""));
        using var run = CliRunner.Start(["rules", "run", rule, "--from", "2026-09-01T00:00:00Z", "--to", "2026-09-04T11:19:59.999Z", "--data", store.Data]);

        var error = await TerminateOnceStoreOpens(run, store.Data);

        Assert.Equal(130, run.ExitCode);
        Assert.Contains("vigil rules run: stopped ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void IngestNeverLosesEarlySignal()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the test sends the signal with kill(1)");
        using var temp = new TempDirectory();
        var input = Path.Combine(temp.Path, "large.json");
        CloudTrailGenerator.Run(new GeneratorOptions(input, OutputLayout.Json, Seed: 7, TargetBytes: 16L << 20), BuiltInProfile.Create());

        // The delays spread the signal over the start-up, where the command takes the held signal
        // over. The ingest takes far longer, so a run that exits 0 lost its signal.
        for (var delay = 0; delay <= 300; delay += 25)
        {
            var data = Path.Combine(temp.Path, $"data-{delay}");
            using var ingest = CliRunner.Start("ingest", input, "--data", data);
            ingest.StandardInput.Close();
            _ = ingest.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            _ = ingest.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            Thread.Sleep(delay);
            using (var kill = Process.Start("kill", ["-TERM", ingest.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                kill.WaitForExit();
            }

            Assert.True(ingest.WaitForExit(Patience), $"the ingest did not stop at a SIGTERM after {delay} ms");
            Assert.Contains(ingest.ExitCode, SignalExitCodes);
        }
    }

    /// <summary>Sends SIGTERM as soon as <paramref name="process"/> has the store's database open, and returns its standard error once it exits.</summary>
    private static async Task<string> TerminateOnceStoreOpens(Process process, string data)
    {
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        _ = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var database = Path.GetFullPath(Path.Combine(data, VigilStore.DatabaseFileName));

        // Polled without a pause, because the start-up after the store opens takes well under a second.
        var deadline = DateTime.UtcNow + Patience;
        while (!HasOpen(process, database) && !process.HasExited && DateTime.UtcNow < deadline)
        {
            Thread.Yield();
        }

        Assert.False(process.HasExited, "the command ended before it opened the store");
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.True(process.WaitForExit(Patience), "the command did not stop on SIGTERM");
        return await error;
    }

    private static bool HasOpen(Process process, string path)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries($"/proc/{process.Id}/fd")
                .Any(descriptor => new FileInfo(descriptor).LinkTarget == path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // A descriptor closed while it was read, or the process gone.
            return false;
        }
    }
}
