using Vigil.Serve;
using static Vigil.Tests.Serve.SchedulerSamples;

namespace Vigil.Tests.Serve;

/// <summary>
/// A range left uncovered by <c>max_signals</c> leaves the list once a later complete search finds
/// every match in it alerted, shrinks to what is still not alerted, and never hides a range whose
/// matches were not alerted.
/// </summary>
public sealed class UncoveredClearingTests
{
    [Fact]
    public void ManualRuns_AlertEveryMatch_ClearRange()
    {
        using var harness = WithFiveMatches();
        harness.RunAt(TenOClock.AddMinutes(5));

        for (var run = 0; run < 3; run++)
        {
            harness.RunManual("stop-logging", TenOClock.AddMinutes(-1), TenOClock.AddMinutes(4));
        }

        var status = Assert.Single(harness.Scheduler.Status());
        Assert.Equal(5, harness.Alerts().Count);
        Assert.Empty(status.Uncovered);
    }

    [Fact]
    public void OldLogsNoneDeleted_ClearRange()
    {
        // Logs older than the scheduler's retention, of which retention deleted none: a hunt of an
        // old bucket dump with `vigil rules run` must still clear the ranges it alerts.
        using var harness = WithFiveMatches();
        harness.Clock.SetUtcNow(TenOClock.AddDays(40));

        for (var run = 0; run < 3; run++)
        {
            harness.RunManual("stop-logging", TenOClock.AddMinutes(-1), TenOClock.AddMinutes(4));
        }

        var status = Assert.Single(harness.Scheduler.Status());
        Assert.Equal(5, harness.Alerts().Count);
        Assert.Empty(status.Uncovered);
    }

    [Fact]
    public void PartialRerun_ShrinksRangeAndCount()
    {
        using var harness = WithFiveMatches();
        harness.RunAt(TenOClock.AddMinutes(5));

        harness.RunManual("stop-logging", TenOClock.AddMinutes(-1), TenOClock.AddSeconds(2));

        var range = Assert.Single(Assert.Single(harness.Scheduler.Status()).Uncovered);
        Assert.Equal(UncoveredKind.MaxSignals, range.Kind);
        Assert.Equal(TenOClock.AddSeconds(3), range.Window.From);
        Assert.Equal(TenOClock.AddSeconds(4), range.Window.To);
        Assert.Equal(2, range.NotAlerted);
        Assert.EndsWith(": 2 matches were not alerted", range.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void OverlappingWindows_ListOneRangeWithCurrentCount()
    {
        using var harness = WithFiveMatches(interval: "1m", from: "now-6m");
        harness.RunAt(TenOClock.AddMinutes(1));

        harness.RunAt(TenOClock.AddMinutes(2));

        var range = Assert.Single(Assert.Single(harness.Scheduler.Status()).Uncovered);
        Assert.Equal(TenOClock.AddSeconds(4), range.Window.From);
        Assert.Equal(1, range.NotAlerted);
        Assert.EndsWith(": 1 match was not alerted", range.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void LaterWindows_AlertRest_ClearRange()
    {
        using var harness = WithFiveMatches(interval: "1m", from: "now-6m");

        harness.RunAt(TenOClock.AddMinutes(1));
        harness.RunAt(TenOClock.AddMinutes(2));
        harness.RunAt(TenOClock.AddMinutes(3));

        Assert.Equal(5, harness.Alerts().Count);
        Assert.Empty(Assert.Single(harness.Scheduler.Status()).Uncovered);
    }

    [Fact]
    public void TruncatedRerun_ReplacesOlderRange()
    {
        using var harness = WithFiveMatches();
        harness.RunAt(TenOClock.AddMinutes(5));

        harness.RunManual("stop-logging", TenOClock.AddMinutes(-1), TenOClock.AddMinutes(4));

        var range = Assert.Single(Assert.Single(harness.Scheduler.Status()).Uncovered);
        Assert.Equal(TenOClock.AddSeconds(4), range.Window.From);
        Assert.Equal(TenOClock.AddSeconds(4), range.Window.To);
        Assert.Equal(1, range.NotAlerted);
    }

    [Fact]
    public void RerunAfterEventsExpired_KeepsRange()
    {
        using var harness = WithFiveMatches(options: new SchedulerOptions { Retention = TimeSpan.FromHours(1) });
        harness.RunAt(TenOClock.AddMinutes(5));
        harness.Clock.SetUtcNow(TenOClock.AddHours(2));
        harness.Store.DeleteExpiredEvents(harness.Options.Retention);

        harness.RunManual("stop-logging", TenOClock.AddMinutes(-1), TenOClock.AddMinutes(4));

        var range = Assert.Single(Assert.Single(harness.Scheduler.Status()).Uncovered);
        Assert.Equal(3, range.NotAlerted);

        // Listed as expired, so that the status does not offer a search that cannot clear it.
        Assert.Equal(UncoveredKind.Expired, range.Kind);
        Assert.False(range.WillRetry);
    }

    [Fact]
    public void RerunAfterShorterIngestRetention_KeepsRange()
    {
        using var harness = WithFiveMatches();
        harness.RunAt(TenOClock.AddMinutes(5));
        harness.Clock.SetUtcNow(TenOClock.AddHours(2));

        // As `vigil ingest --retention 1h` does, while the scheduler keeps its default of 30 days.
        harness.Store.DeleteExpiredEvents(TimeSpan.FromHours(1));
        harness.RunManual("stop-logging", TenOClock.AddMinutes(-1), TenOClock.AddMinutes(4));

        // The stored range keeps its kind; the status lists it as expired, since its events are gone.
        var range = Assert.Single(Assert.Single(harness.Scheduler.Status()).Uncovered);
        Assert.Equal(UncoveredKind.Expired, range.Kind);
        Assert.Equal(3, range.NotAlerted);
    }

    [Fact]
    public void ClearedRange_StaysClearedAfterRestart()
    {
        using var harness = WithFiveMatches(interval: "1m", from: "now-6m");
        harness.RunAt(TenOClock.AddMinutes(1));
        harness.RunAt(TenOClock.AddMinutes(2));

        harness.Reopen();
        harness.Register(StopLoggingRule(interval: "1m", from: "now-6m", maxSignals: 2));
        harness.RunAt(TenOClock.AddMinutes(3));

        Assert.Empty(Assert.Single(harness.Scheduler.Status()).Uncovered);
    }

    /// <summary>A rule with <c>max_signals</c> 2 and five matches, one per second from 10:00:00.</summary>
    private static SchedulerHarness WithFiveMatches(string interval = "5m", string from = "now-6m", SchedulerOptions? options = null)
    {
        var harness = new SchedulerHarness(TenOClock, options);
        harness.Register(StopLoggingRule(interval: interval, from: from, maxSignals: 2));
        for (var i = 0; i < 5; i++)
        {
            harness.Ingest(StopLogging(TenOClock.AddSeconds(i), $"match-{i}"));
        }

        return harness;
    }
}
