using Vigil.Serve;
using static Vigil.Tests.Serve.SchedulerSamples;

namespace Vigil.Tests.Serve;

public sealed class MaxSignalsTests
{
    [Fact]
    public void OneHundredFiftyMatches_CreateOneHundredAlerts()
    {
        using var harness = WithBurst(150);

        var entry = Assert.Single(harness.RunAt(TenOClock.AddMinutes(5)));

        Assert.Equal(100, entry.AlertsCreated);
        Assert.Equal(150, entry.Matches);
        Assert.Equal(50, entry.MatchesNotAlerted);
    }

    [Fact]
    public void Truncation_KeepsEarliestMatches()
    {
        using var harness = WithBurst(150);

        harness.RunAt(TenOClock.AddMinutes(5));

        var times = harness.Alerts().Select(a => a.Document["kibana.alert.original_time"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal("2026-12-04T10:00:00.000Z", times[0]);
        Assert.Equal("2026-12-04T10:01:39.000Z", times[^1]);
    }

    [Fact]
    public void Truncation_IsPartialFailureWithKibanaWarning()
    {
        using var harness = WithBurst(150);

        var entry = Assert.Single(harness.RunAt(TenOClock.AddMinutes(5)));

        Assert.Equal(ExecutionStatus.PartialFailure, entry.Status);
        Assert.Equal(["This rule reached the maximum alert limit for the rule execution. Some alerts were not created."], entry.Warnings);
    }

    [Fact]
    public void Truncation_IsReportedAsUncovered()
    {
        using var harness = WithBurst(150);

        harness.RunAt(TenOClock.AddMinutes(5));

        var range = Assert.Single(Assert.Single(harness.Scheduler.Status()).Uncovered);
        Assert.False(range.WillRetry);
        Assert.Equal(TenOClock.AddSeconds(100), range.Window.From);
        Assert.Contains("50 matches were not alerted", range.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ExactlyMaxSignals_Succeeds()
    {
        using var harness = WithBurst(100);

        var entry = Assert.Single(harness.RunAt(TenOClock.AddMinutes(5)));

        Assert.Equal(100, entry.AlertsCreated);
        Assert.Equal(ExecutionStatus.Succeeded, entry.Status);
    }

    [Fact]
    public void ExistingAlerts_DoNotUseBudget()
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule(maxSignals: 2));
        harness.Ingest(StopLogging(TenOClock.AddSeconds(-30), "a"));
        harness.Ingest(StopLogging(TenOClock.AddSeconds(-29), "b"));
        harness.RunAt(TenOClock);
        harness.Clock.SetUtcNow(TenOClock.AddMinutes(3));
        harness.Ingest(StopLogging(TenOClock.AddMinutes(3), "c"));
        harness.Ingest(StopLogging(TenOClock.AddMinutes(3).AddSeconds(1), "d"));

        var entry = Assert.Single(harness.RunAt(TenOClock.AddMinutes(5)));

        Assert.Equal(2, entry.DuplicatesSkipped);
        Assert.Equal(2, entry.AlertsCreated);
        Assert.Equal(ExecutionStatus.Succeeded, entry.Status);
    }

    [Fact]
    public void AboveAlertingLimit_CappedAtThousand()
    {
        using var harness = WithBurst(1050, maxSignals: 5000, step: TimeSpan.FromMilliseconds(250));

        var entry = Assert.Single(harness.RunAt(TenOClock.AddMinutes(5)));

        Assert.Equal(1000, entry.AlertsCreated);
        Assert.Equal(50, entry.MatchesNotAlerted);
        Assert.Equal(ExecutionStatus.PartialFailure, entry.Status);
        Assert.Equal(
            [
                "The rule's max alerts per run setting (5000) is greater than the Kibana alerting limit (1000). The rule will only write a maximum of 1000 alerts per rule run.",
                "This rule reached the maximum alert limit for the rule execution. Some alerts were not created.",
            ],
            entry.Warnings);
        var range = Assert.Single(Assert.Single(harness.Scheduler.Status()).Uncovered);
        Assert.StartsWith("max_signals (1000) reached", range.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AboveAlertingLimit_WarnsEveryRun()
    {
        using var harness = WithBurst(1, maxSignals: 1001);

        var first = Assert.Single(harness.RunAt(TenOClock.AddMinutes(5)));
        var second = Assert.Single(harness.RunAt(TenOClock.AddMinutes(10)));

        Assert.Equal(1, first.AlertsCreated);
        Assert.Equal(ExecutionStatus.PartialFailure, first.Status);
        Assert.Equal(ExecutionStatus.PartialFailure, second.Status);
        Assert.Contains("(1001) is greater than the Kibana alerting limit (1000)", Assert.Single(second.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void AboveAlertingLimit_ManualRunWarns()
    {
        using var harness = WithBurst(1, maxSignals: 1001);
        harness.Clock.SetUtcNow(TenOClock.AddMinutes(5));

        var summary = harness.RunManual("stop-logging", TenOClock.AddMinutes(-5), TenOClock.AddMinutes(4));

        Assert.Equal(1, summary.AlertsCreated);
        Assert.Equal(ExecutionStatus.PartialFailure, summary.Status);
    }

    [Fact]
    public void AtAlertingLimit_NoWarning()
    {
        using var harness = WithBurst(1, maxSignals: 1000);

        var entry = Assert.Single(harness.RunAt(TenOClock.AddMinutes(5)));

        Assert.Equal(ExecutionStatus.Succeeded, entry.Status);
        Assert.Empty(entry.Warnings);
    }

    /// <summary>A rule first run at 10:05 and <paramref name="count"/> matches, one per <paramref name="step"/> (default a second) from 10:00:00.</summary>
    private static SchedulerHarness WithBurst(int count, int maxSignals = 100, TimeSpan? step = null)
    {
        var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule(maxSignals: maxSignals));
        for (var i = count - 1; i >= 0; i--)
        {
            harness.Ingest(StopLogging(TenOClock + (i * (step ?? TimeSpan.FromSeconds(1))), $"burst-{i}"));
        }

        return harness;
    }
}
