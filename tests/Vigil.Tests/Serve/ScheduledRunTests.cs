using Vigil.Serve;
using static Vigil.Tests.Serve.SchedulerSamples;

namespace Vigil.Tests.Serve;

public sealed class ScheduledRunTests
{
    [Fact]
    public void OnTimeRuns_SearchSixMinuteWindowsEveryFiveMinutes()
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule());

        var entries = Enumerable.Range(0, 25).SelectMany(i => harness.RunAt(TenOClock.AddMinutes(5 * i))).ToList();

        Assert.Equal(25, entries.Count);
        Assert.All(entries, e => Assert.Equal(ExecutionKind.Scheduled, e.Kind));
        Assert.All(entries, e => Assert.Equal(ExecutionStatus.Succeeded, e.Status));
        Assert.All(entries, e => Assert.Equal([new TimeWindow(e.StartedAt.AddMinutes(-6), e.StartedAt)], e.Windows));
    }

    [Fact]
    public void OnTimeRuns_AlertOncePerMatchingEvent()
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule());

        for (var minute = 0; minute < 120; minute++)
        {
            var time = TenOClock.AddMinutes(minute);
            harness.Clock.SetUtcNow(time);
            harness.Ingest(StopLogging(time.AddSeconds(-30), $"e{minute}"));
            harness.Ingest(StopLogging(time.AddSeconds(-20), $"other{minute}", action: "StartLogging"));
            if (minute % 5 == 0)
            {
                harness.Scheduler.RunDue(TestContext.Current.CancellationToken);
            }
        }

        harness.RunAt(TenOClock.AddMinutes(120));

        Assert.Equal(120, harness.Alerts().Count);
    }

    [Fact]
    public void NotDue_RunsNothing()
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule());
        harness.RunAt(TenOClock);

        var entries = harness.RunAt(TenOClock.AddMinutes(4).AddSeconds(59));

        Assert.Empty(entries);
    }

    [Fact]
    public void NextDueAt_IsStartPlusInterval()
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule());

        harness.RunAt(TenOClock.AddSeconds(7));

        Assert.Equal(TenOClock.AddMinutes(5).AddSeconds(7), harness.Scheduler.NextDueAt());
    }

    [Fact]
    public void WindowResolvesAtActualStart()
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule());

        var entry = Assert.Single(harness.RunAt(TenOClock.AddSeconds(42)));

        Assert.Equal(new TimeWindow(TenOClock.AddSeconds(42).AddMinutes(-6), TenOClock.AddSeconds(42)), Assert.Single(entry.Windows));
    }

    [Fact]
    public void WindowBounds_AreInclusive()
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule());
        harness.Ingest(StopLogging(TenOClock.AddMinutes(-6), "at-from"));
        harness.Ingest(StopLogging(TenOClock, "at-to"));
        harness.Ingest(StopLogging(TenOClock.AddMinutes(-6).AddMilliseconds(-1), "before"));

        var entry = Assert.Single(harness.RunAt(TenOClock));

        Assert.Equal(2, entry.AlertsCreated);
    }

    [Fact]
    public void OverlappingWindows_CreateNoDuplicate()
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule());
        harness.Ingest(StopLogging(TenOClock.AddMinutes(-1).AddSeconds(30), "in-overlap"));

        var first = Assert.Single(harness.RunAt(TenOClock));
        var second = Assert.Single(harness.RunAt(TenOClock.AddMinutes(5)));

        Assert.Equal(1, first.AlertsCreated);
        Assert.Equal(0, second.AlertsCreated);
        Assert.Equal(1, second.DuplicatesSkipped);
        Assert.Single(harness.Alerts());
    }

    [Fact]
    public void DuplicateDelivery_CreatesOneAlert()
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule());
        var delivered = StopLogging(TenOClock.AddMinutes(-2), "same");
        harness.Ingest(delivered);
        harness.Ingest(delivered.DeepClone().AsObject());

        var entry = Assert.Single(harness.RunAt(TenOClock));

        Assert.Equal(1, entry.AlertsCreated);
        Assert.Equal(1, entry.DuplicatesSkipped);
    }

    [Fact]
    public void DisabledRule_DoesNotRun()
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule());
        harness.Scheduler.Disable("stop-logging");

        Assert.Empty(harness.RunAt(TenOClock));
    }

    [Fact]
    public void ReenabledRule_GivesUpDisabledTime()
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule());
        harness.RunAt(TenOClock);
        harness.Scheduler.Disable("stop-logging");
        harness.RunAt(TenOClock.AddHours(1));
        harness.Scheduler.Enable("stop-logging");

        var entry = Assert.Single(harness.RunAt(TenOClock.AddHours(2)));
        var status = Assert.Single(harness.Scheduler.Status());

        Assert.Equal(ExecutionStatus.Succeeded, entry.Status);
        var disabled = Assert.Single(status.Uncovered);
        Assert.Equal("the rule was disabled", disabled.Reason);
        Assert.Equal(new TimeWindow(TenOClock.AddMilliseconds(1), TenOClock.AddHours(2).AddMinutes(-6).AddMilliseconds(-1)), disabled.Window);
    }
}
