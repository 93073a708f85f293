using Vigil.Serve;
using static Vigil.Tests.Serve.SchedulerSamples;

namespace Vigil.Tests.Serve;

public sealed class BackfillTests
{
    [Fact]
    public void LongDowntime_BackfillsInIntervalChunks()
    {
        using var harness = DownForThreeHours();

        var entries = harness.RunAt(TenOClock.AddHours(3));

        var backfill = entries.Where(e => e.Kind == ExecutionKind.Backfill).ToList();
        Assert.Equal(31, backfill.Count);
        Assert.All(backfill, e => Assert.True(Assert.Single(e.Windows).To - e.Windows[0].From < TimeSpan.FromMinutes(5)));
        Assert.All(backfill, e => Assert.Equal(ExecutionStatus.Succeeded, e.Status));
    }

    [Fact]
    public void LongDowntime_AlertsOnEventsInTheHole()
    {
        using var harness = DownForThreeHours();

        harness.RunAt(TenOClock.AddHours(3));

        Assert.Equal(3, harness.Alerts().Count);
    }

    [Fact]
    public void LongDowntime_LeavesNothingUncovered()
    {
        using var harness = DownForThreeHours();

        harness.RunAt(TenOClock.AddHours(3));

        Assert.Empty(Assert.Single(harness.Scheduler.Status()).Uncovered);
    }

    [Fact]
    public void LongDowntime_ScheduledRunStillReportsKibanaGap()
    {
        using var harness = DownForThreeHours();

        var scheduled = harness.RunAt(TenOClock.AddHours(3)).Single(e => e.Kind == ExecutionKind.Scheduled);

        Assert.Equal(ExecutionStatus.Failed, scheduled.Status);
        Assert.Equal(5, scheduled.Windows.Count);
        Assert.Single(scheduled.Gaps);
    }

    [Fact]
    public void KibanaParity_LosesEventsInTheHole()
    {
        using var harness = DownForThreeHours(SchedulerOptions.KibanaParity);

        harness.RunAt(TenOClock.AddHours(3));

        Assert.Empty(harness.Alerts());
        var owed = Assert.Single(Assert.Single(harness.Scheduler.Status()).Uncovered);
        Assert.Equal("not searched; backfill is off", owed.Reason);
    }

    [Fact]
    public void EachChunk_HasItsOwnMaxSignals()
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule(maxSignals: 2));
        harness.RunAt(TenOClock);
        for (var i = 0; i < 3; i++)
        {
            harness.Ingest(StopLogging(TenOClock.AddMinutes(22).AddSeconds(i), $"a{i}"));
            harness.Ingest(StopLogging(TenOClock.AddMinutes(42).AddSeconds(i), $"b{i}"));
        }

        var backfill = harness.RunAt(TenOClock.AddHours(2)).Where(e => e.Kind == ExecutionKind.Backfill).ToList();

        Assert.Equal(4, backfill.Sum(e => e.AlertsCreated));
        Assert.Equal(2, backfill.Count(e => e.Status == ExecutionStatus.PartialFailure));
    }

    [Fact]
    public void FailedExecution_IsBackfilledByNextRun()
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule());
        harness.RunAt(TenOClock);
        harness.Ingest(StopLogging(TenOClock.AddMinutes(2), "during-failure"));
        harness.Events.FailingTimeField = Vigil.Store.EventTimeField.Timestamp;
        var failed = Assert.Single(harness.RunAt(TenOClock.AddMinutes(5)));
        harness.Events.FailingTimeField = null;

        var entries = harness.RunAt(TenOClock.AddMinutes(10));

        Assert.Equal(ExecutionStatus.Failed, failed.Status);
        Assert.Equal("the execution failed: injected read failure", failed.Error);
        var backfill = Assert.Single(entries, e => e.Kind == ExecutionKind.Backfill);
        Assert.Equal(1, backfill.AlertsCreated);
    }

    [Fact]
    public void TimestampRangeOlderThanRetention_Searched()
    {
        // Retention deletes by event.ingested, so events stored during the downtime are still there.
        using var harness = DownForThreeHours(new SchedulerOptions { Retention = TimeSpan.FromHours(1) });

        harness.RunAt(TenOClock.AddHours(3));

        var status = Assert.Single(harness.Scheduler.Status());
        Assert.DoesNotContain(status.Uncovered, range => range.Kind == UncoveredKind.Expired);
        Assert.Equal(3, harness.Alerts().Count);
    }

    [Fact]
    public void IngestedRangeOlderThanRetention_GivenUp()
    {
        using var harness = DownForThreeHours(new SchedulerOptions { Retention = TimeSpan.FromHours(1) }, timestampOverride: "event.ingested");

        harness.RunAt(TenOClock.AddHours(3));

        var expired = Assert.Single(Assert.Single(harness.Scheduler.Status()).Uncovered);
        Assert.Equal("older than the event retention (1h) before it could be searched", expired.Reason);
        Assert.False(expired.WillRetry);
        Assert.Equal(TenOClock.AddHours(2).AddMilliseconds(-1), expired.Window.To);
    }

    [Fact]
    public void ChunkLimit_LeavesRestOwedForNextRun()
    {
        using var harness = DownForThreeHours(new SchedulerOptions { MaxBackfillChunksPerRun = 5 });

        var entries = harness.RunAt(TenOClock.AddHours(3));

        Assert.Equal(5, entries.Count(e => e.Kind == ExecutionKind.Backfill));
        var owed = Assert.Single(Assert.Single(harness.Scheduler.Status()).Uncovered);
        Assert.True(owed.WillRetry);
        Assert.Equal("not searched yet; the next scheduled run backfills it", owed.Reason);
    }

    [Fact]
    public void Restart_ResumesFromStoredState()
    {
        using var harness = DownForThreeHours();
        harness.Reopen();
        harness.Register(StopLoggingRule());

        var entries = harness.RunAt(TenOClock.AddHours(3));

        Assert.Equal(31, entries.Count(e => e.Kind == ExecutionKind.Backfill));
        Assert.Equal(3, harness.Alerts().Count);
    }

    /// <summary>A rule that ran at 10:00 and then not until 13:00, with three matches stored meanwhile.</summary>
    private static SchedulerHarness DownForThreeHours(SchedulerOptions? options = null, string? timestampOverride = null)
    {
        var harness = new SchedulerHarness(TenOClock, options);
        harness.Register(StopLoggingRule(timestampOverride: timestampOverride));
        harness.RunAt(TenOClock);
        foreach (var minutes in new[] { 30, 90, 150 })
        {
            harness.Clock.SetUtcNow(TenOClock.AddMinutes(minutes));
            harness.Ingest(StopLogging(TenOClock.AddMinutes(minutes), $"down-{minutes}"));
        }

        return harness;
    }
}
