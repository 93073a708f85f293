using Vigil.Serve;
using Vigil.Store.Scheduler;
using static Vigil.Tests.Serve.SchedulerSamples;
using static Vigil.Tests.Serve.SchedulerSamples.ManualRange;

namespace Vigil.Tests.Serve;

/// <summary>
/// A manual run saves its execution log with the rule's state in batches as it goes, so memory
/// keeps at most one batch of entries, and a run that is stopped keeps the windows it searched.
/// </summary>
public sealed class ManualRunSaveTests
{
    [Fact]
    public void ManualRun_SavesInBatches()
    {
        using var harness = WithPastEvent(new SchedulerOptions { ManualRunSaveWindows = 10 });
        var storedAtEachEntry = new List<int>();

        var summary = harness.Scheduler.RunManual(
            RuleId, RangeStart, RangeEnd, _ => storedAtEachEntry.Add(CountEntries(harness)), TestContext.Current.CancellationToken);

        Assert.Equal(Windows, summary.Windows);
        Assert.Equal(Windows, storedAtEachEntry.Count);
        for (var i = 0; i < Windows; i++)
        {
            // The entry of window i + 1 is reported once its batch of ten is saved, and not before.
            Assert.Equal(Math.Min(Windows, ((i / 10) + 1) * 10), storedAtEachEntry[i]);
        }

        Assert.Equal(Windows, CountEntries(harness));
        Assert.Equal(1, summary.AlertsCreated);
    }

    [Fact]
    public void ManualRun_SavesAfterInterval()
    {
        using var harness = WithPastEvent(new SchedulerOptions { ManualRunSaveInterval = TimeSpan.FromSeconds(5) });
        harness.Events.WindowRead = _ => harness.Clock.Advance(TimeSpan.FromSeconds(1));
        var storedAtEachEntry = new List<int>();

        harness.Scheduler.RunManual(
            RuleId, RangeStart, RangeStart + (20 * Interval) - TimeSpan.FromMilliseconds(1), _ => storedAtEachEntry.Add(CountEntries(harness)), TestContext.Current.CancellationToken);

        Assert.Equal([5, 5, 5, 5, 5, 10, 10, 10, 10, 10, 15, 15, 15, 15, 15, 20, 20, 20, 20, 20], storedAtEachEntry);
    }

    [Fact]
    public void ManualRun_Cancelled_KeepsSearchedWindows()
    {
        using var harness = WithPastEvent(new SchedulerOptions { ManualRunSaveWindows = 10 });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var windowsRead = 0;
        harness.Events.WindowRead = _ =>
        {
            if (++windowsRead == 25)
            {
                stop.Cancel();
            }
        };
        var saved = new List<ExecutionLogEntry>();

        Assert.Throws<OperationCanceledException>(() => harness.Scheduler.RunManual(RuleId, RangeStart, RangeEnd, saved.Add, stop.Token));
        var state = new SqliteSchedulerState(harness.Store).LoadState(saved[0].RuleUuid);
        var searchedTo = RangeStart + (25 * Interval) - TimeSpan.FromMilliseconds(1);

        Assert.Equal(25, windowsRead);
        Assert.Equal(25, saved.Count);
        Assert.Equal(25, CountEntries(harness));
        Assert.Equal(searchedTo, saved[^1].Windows[^1].To);
        Assert.Equal([(RangeStart.ToUnixTimeMilliseconds(), searchedTo.ToUnixTimeMilliseconds())], state.Ledger.Ranges);
        Assert.Equal(ExecutionStatus.Succeeded, state.LastStatus);
    }

    [Fact]
    public void ManualRun_KeepsServeStateBetweenBatches()
    {
        using var harness = WithPastEvent(new SchedulerOptions { ManualRunSaveWindows = 10 });
        var serve = new RuleScheduler(harness.Store, harness.Options);
        serve.Register(StopLoggingRule());
        var serveRan = false;

        // Serve runs the rule once, after the manual run saved its first batch.
        harness.Scheduler.RunManual(RuleId, RangeStart, RangeEnd, _ => RunServeOnce(), TestContext.Current.CancellationToken);
        var status = Assert.Single(harness.Scheduler.Status());

        Assert.True(serveRan);
        Assert.Equal(TenOClock + Interval, status.NextRunAt);
        Assert.Equal(Windows, harness.Scheduler.ExecutionLog(RuleId, 1000).Count(e => e.Kind == ExecutionKind.Manual));
        Assert.Single(harness.Scheduler.ExecutionLog(RuleId, 1000), e => e.Kind == ExecutionKind.Scheduled);

        void RunServeOnce()
        {
            if (!serveRan)
            {
                serveRan = true;
                serve.RunDue(TestContext.Current.CancellationToken);
            }
        }
    }

    [Fact]
    public void ServeSaveMidBatch_Kept()
    {
        using var harness = WithPastEvent(new SchedulerOptions { ManualRunSaveWindows = 10 });
        var serve = new RuleScheduler(harness.Store, harness.Options);
        serve.Register(StopLoggingRule());
        var reads = 0;

        // Serve runs the rule and saves its state while the manual run searches its first batch.
        harness.Events.WindowRead = _ =>
        {
            if (++reads == 5)
            {
                serve.RunDue(TestContext.Current.CancellationToken);
            }
        };
        harness.Scheduler.RunManual(RuleId, RangeStart, RangeEnd, cancellationToken: TestContext.Current.CancellationToken);
        var status = Assert.Single(harness.Scheduler.Status());

        Assert.Equal(TenOClock + Interval, status.NextRunAt);
        Assert.Single(harness.Scheduler.ExecutionLog(RuleId, 1000), e => e.Kind == ExecutionKind.Scheduled);
        Assert.Equal(Windows, harness.Scheduler.ExecutionLog(RuleId, 1000).Count(e => e.Kind == ExecutionKind.Manual));
    }

    private static SchedulerHarness WithPastEvent(SchedulerOptions options)
    {
        var harness = new SchedulerHarness(TenOClock, options);
        harness.Register(StopLoggingRule());
        harness.Ingest(StopLogging(TenOClock.AddHours(-2), "past"));
        return harness;
    }

    private static int CountEntries(SchedulerHarness harness) => harness.Scheduler.ExecutionLog(RuleId, 1000).Count;
}
