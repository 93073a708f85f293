using Vigil.Serve;
using Vigil.Store.Scheduler;
using static Vigil.Tests.Serve.SchedulerSamples;
using static Vigil.Tests.Serve.SchedulerSamples.ManualRange;

namespace Vigil.Tests.Serve;

/// <summary>
/// A manual run and a scheduled run of another scheduler, as <c>vigil rules run</c> beside
/// <c>vigil serve</c>, save the same rule's state on one SQLite file. However their loads and
/// saves interleave, the state keeps the scheduled run's schedule and the manual run's windows.
/// </summary>
public sealed class ConcurrentSaveTests
{
    // Long enough for a save that is not blocked to commit, so one that commits inside the batch's
    // transaction fails the test instead of passing as slow.
    private static readonly TimeSpan CommitGrace = TimeSpan.FromMilliseconds(500);

    // Bounds every wait, so a save that deadlocks fails the test instead of hanging it.
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ServeSaveInsideBatchSave_Kept()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var harness = WithPastEvent();
        var serveState = new FaultyState(new SqliteSchedulerState(harness.Store));
        var serve = harness.OtherScheduler(serveState);
        serve.Register(StopLoggingRule());
        using var serveSaving = new ManualResetEventSlim();
        serveState.BeforeSave = serveSaving.Set;
        Task? serveRun = null;

        // Between the first batch's load and its write, serve runs on another thread and tries to save.
        harness.State.Saving = () =>
        {
            if (serveRun is null)
            {
                serveRun = Task.Run(() => serve.RunDue(cancellationToken), cancellationToken);
                Assert.True(serveSaving.Wait(WaitLimit, cancellationToken), "serve never reached its save");
                Assert.False(serveRun.Wait(CommitGrace, cancellationToken), "serve saved inside the batch's transaction");
            }
        };
        harness.Scheduler.RunManual(RuleId, RangeStart, RangeEnd, cancellationToken: cancellationToken);

        Assert.NotNull(serveRun);
        await serveRun.WaitAsync(WaitLimit, cancellationToken);
        AssertBothKept(harness);
    }

    [Fact]
    public void ServeSaveBeforeBatchSave_Kept()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var harness = WithPastEvent();
        var serve = harness.OtherScheduler(new FaultyState(new SqliteSchedulerState(harness.Store)));
        serve.Register(StopLoggingRule());
        var serveRan = false;

        // Serve saves after the first batch's windows are recorded and before that batch's save begins.
        harness.State.BeforeSave = () =>
        {
            if (!serveRan)
            {
                serveRan = true;
                serve.RunDue(cancellationToken);
            }
        };
        harness.Scheduler.RunManual(RuleId, RangeStart, RangeEnd, cancellationToken: cancellationToken);

        Assert.True(serveRan);
        AssertBothKept(harness);
    }

    [Fact]
    public void BatchSaveDuringServeRun_Kept()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var harness = WithPastEvent();
        var manual = harness.OtherScheduler(new FaultyState(new SqliteSchedulerState(harness.Store)));
        manual.Register(StopLoggingRule());
        var manualRan = false;

        // The whole manual run starts a second after serve and saves before serve saves.
        harness.Events.WindowRead = _ =>
        {
            if (!manualRan)
            {
                manualRan = true;
                harness.Clock.Advance(TimeSpan.FromSeconds(1));
                manual.RunManual(RuleId, RangeStart, RangeEnd, cancellationToken: cancellationToken);
            }
        };
        harness.Scheduler.RunDue(cancellationToken);
        var status = Assert.Single(harness.Scheduler.Status());

        Assert.True(manualRan);
        AssertBothKept(harness);
        Assert.Equal(TenOClock.AddSeconds(1), status.LastRunAt);
    }

    private static SchedulerHarness WithPastEvent()
    {
        var harness = new SchedulerHarness(TenOClock, new SchedulerOptions { ManualRunSaveWindows = 10 });
        harness.Register(StopLoggingRule());
        harness.Ingest(StopLogging(TenOClock.AddHours(-2), "past"));
        return harness;
    }

    private static void AssertBothKept(SchedulerHarness harness)
    {
        var status = Assert.Single(harness.Scheduler.Status());
        var state = new SqliteSchedulerState(harness.Store).LoadState(status.RuleUuid);
        var log = harness.Scheduler.ExecutionLog(RuleId, 1000);

        // The scheduled run's schedule and log entry.
        Assert.Equal(TenOClock, state.PreviousStartedAt);
        Assert.Equal(TenOClock + Interval, state.NextRunAt);
        Assert.Single(log, e => e.Kind == ExecutionKind.Scheduled);

        // The manual run's windows, which touch the scheduled window, its alert and its log entries.
        Assert.Equal([(RangeStart.ToUnixTimeMilliseconds(), TenOClock.ToUnixTimeMilliseconds())], state.Ledger.Ranges);
        Assert.Equal(1, state.AlertCount);
        Assert.Equal(Windows, log.Count(e => e.Kind == ExecutionKind.Manual));
    }
}
