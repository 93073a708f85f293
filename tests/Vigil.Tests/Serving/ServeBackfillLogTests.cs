using System.Globalization;
using System.Text.RegularExpressions;
using Vigil.Tests.Support;

namespace Vigil.Tests.Serving;

/// <summary>After a stop, serve's backfill logs its chunks that found nothing as one line, not one line each.</summary>
public class ServeBackfillLogTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public void EmptyBackfill_OneLine()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test kills vigil serve with SIGKILL and stops it with SIGTERM");
        using var temp = new TempDirectory();
        var data = Path.Combine(temp.Path, "data");
        string[] arguments = ["--data", data, "--rules", ServeRuleFiles.WriteCrashRule(temp.Path), "--poll", "200ms"];
        using (var first = ServeProcess.Start(arguments))
        {
            Assert.True(Eventually.True(() => first.StandardError.Contains("(scheduled) window", StringComparison.Ordinal), Patience), first.StandardError);
            first.Kill();
        }

        // The rule runs every second with a 3-second look-back, so the stop leaves a hole of
        // several one-second chunks past the reach of the catch-up windows.
        Thread.Sleep(TimeSpan.FromSeconds(10));
        using var second = ServeProcess.Start(arguments);
        Assert.True(Eventually.True(() => second.StandardError.Contains("(backfill)", StringComparison.Ordinal), Patience), second.StandardError);
        Assert.True(second.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");

        var log = second.StandardError;
        var summary = Regex.Match(log, @"\(backfill\) (\d+) windows from \S+ to \S+: succeeded, no matches, searched 0, \d+ ms");
        Assert.True(summary.Success, log);
        var windows = int.Parse(summary.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(windows >= 2, log);
        Assert.True(Regex.Count(log, @"\(backfill\) window \[") < windows, log);
    }
}
