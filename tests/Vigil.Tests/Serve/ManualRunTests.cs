using Vigil.Serve;
using static Vigil.Tests.Serve.SchedulerSamples;

namespace Vigil.Tests.Serve;

public sealed class ManualRunTests
{
    [Fact]
    public void ManualRun_SearchesRangeInIntervalChunks()
    {
        using var harness = WithPastEvent();

        var summary = harness.RunManual("stop-logging", TenOClock.AddHours(-3), TenOClock.AddHours(-1).AddMilliseconds(-1));
        var entries = harness.Scheduler.ExecutionLog("stop-logging", 100);

        Assert.Equal(24, summary.Windows);
        Assert.Equal(24, entries.Count);
        Assert.All(entries, e => Assert.Equal(ExecutionKind.Manual, e.Kind));
        Assert.Equal(1, summary.AlertsCreated);
        Assert.Equal(1, entries.Sum(e => e.AlertsCreated));
    }

    [Fact]
    public void ManualRun_TooManyWindows_Rejected()
    {
        using var harness = WithPastEvent();

        // The rule's 5m interval: 300,000 windows are about 1,042 days.
        var error = Assert.Throws<ArgumentException>(() => harness.RunManual("stop-logging", TenOClock.AddDays(-1100), TenOClock));

        Assert.StartsWith("the range covers 316,801 windows of the rule's interval 5m, more than the 300,000 one run searches", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Scheduler.ExecutionLog("stop-logging", 10));
    }

    [Fact]
    public void ManualRun_SuggestedLength_FitsTheCap()
    {
        using var harness = WithPastEvent();

        var error = Assert.Throws<ArgumentException>(() => harness.RunManual("stop-logging", TenOClock.AddDays(-1100), TenOClock));
        var days = int.Parse(System.Text.RegularExpressions.Regex.Match(error.Message, @"at most ([0-9,]+) days \(from now-([0-9]+)d\)").Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(1041, days);
        Assert.EndsWith("split it into runs of at most 1,041 days (from now-1041d)", error.Message, StringComparison.Ordinal);
        Assert.True((long)(TimeSpan.FromDays(days) / TimeSpan.FromMinutes(5)) + 1 <= RuleScheduler.MaxManualWindows);
    }

    [Fact]
    public void ManualRun_FutureEnd_Rejected()
    {
        using var harness = WithPastEvent();

        var error = Assert.Throws<ArgumentException>(() => harness.RunManual("stop-logging", TenOClock.AddHours(-1), TenOClock.AddMinutes(10)));

        Assert.Contains("is after now", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Scheduler.ExecutionLog("stop-logging", 10));
    }

    [Fact]
    public void ManualRun_MaxWindows_Accepted()
    {
        using var harness = WithPastEvent();

        var summary = harness.RunManual("stop-logging", TenOClock.AddMinutes(-5 * 1000), TenOClock.AddMilliseconds(-1));

        Assert.Equal(1000, summary.Windows);
        Assert.Equal(1000, harness.Scheduler.ExecutionLog("stop-logging", 2000).Count);
    }

    [Fact]
    public void ManualRun_MarksAlertsManual()
    {
        using var harness = WithPastEvent();

        harness.RunManual("stop-logging", TenOClock.AddHours(-3), TenOClock.AddHours(-1));

        var alert = Assert.Single(harness.Alerts());
        Assert.Equal("manual", alert.Document["kibana.alert.rule.execution.type"]!.GetValue<string>());
    }

    [Fact]
    public void ManualRun_WorksOnDisabledRule()
    {
        using var harness = WithPastEvent();
        harness.Scheduler.Disable("stop-logging");

        var summary = harness.RunManual("stop-logging", TenOClock.AddHours(-3), TenOClock.AddHours(-1));

        Assert.Equal(1, summary.AlertsCreated);
    }

    [Fact]
    public void ManualRun_StatusIsWorstChunk()
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule(maxSignals: 1));
        harness.Ingest(StopLogging(TenOClock.AddHours(-2), "one"));
        harness.Ingest(StopLogging(TenOClock.AddHours(-2).AddSeconds(1), "two"));

        var summary = harness.RunManual("stop-logging", TenOClock.AddHours(-3), TenOClock.AddHours(-1));
        var status = Assert.Single(harness.Scheduler.Status());

        Assert.Equal(ExecutionStatus.Succeeded, harness.Scheduler.ExecutionLog("stop-logging", 1)[0].Status);
        Assert.Equal(ExecutionStatus.PartialFailure, summary.Status);
        Assert.Equal(ExecutionStatus.PartialFailure, status.LastStatus);
    }

    [Fact]
    public void ManualRun_RejectsUnknownRule()
    {
        using var harness = WithPastEvent();

        var error = Assert.Throws<ArgumentException>(() => harness.RunManual("missing", TenOClock.AddHours(-1), TenOClock));

        Assert.StartsWith("rule \"missing\" is not registered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ManualRun_RejectsReversedRange()
    {
        using var harness = WithPastEvent();

        var error = Assert.Throws<ArgumentException>(() => harness.RunManual("stop-logging", TenOClock, TenOClock.AddHours(-1)));

        Assert.Contains("is before the start", error.Message, StringComparison.Ordinal);
    }

    private static SchedulerHarness WithPastEvent()
    {
        var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule());
        harness.Ingest(StopLogging(TenOClock.AddHours(-2), "past"));
        return harness;
    }
}
