using Vigil.Serve;
using static Vigil.Tests.Serve.SchedulerSamples;

namespace Vigil.Tests.Serve;

public sealed class LateEventTests
{
    [Fact]
    public void NoOverride_LateEventAlertedAtNextRun()
    {
        using var harness = WithLateArrival(StopLoggingRule());

        var entries = harness.RunAt(TenOClock.AddMinutes(15));

        var late = Assert.Single(entries, e => e.Kind == ExecutionKind.Late);
        Assert.Equal(1, late.LateEvents);
        Assert.Equal(1, late.AlertsCreated);
        Assert.Equal(1, Assert.Single(harness.Scheduler.Status()).LateEvents);
    }

    [Fact]
    public void NoOverride_KibanaParityLosesLateEvent()
    {
        using var harness = WithLateArrival(StopLoggingRule(), SchedulerOptions.KibanaParity);

        harness.RunAt(TenOClock.AddMinutes(15));
        harness.RunAt(TenOClock.AddMinutes(20));

        Assert.Empty(harness.Alerts());
    }

    [Fact]
    public void IngestedOverride_WindowFindsLateEvent()
    {
        using var harness = WithLateArrival(StopLoggingRule(timestampOverride: "event.ingested"));

        var entries = harness.RunAt(TenOClock.AddMinutes(15));

        var scheduled = Assert.Single(entries);
        Assert.Equal(1, scheduled.AlertsCreated);
        Assert.Equal(0, Assert.Single(harness.Scheduler.Status()).LateEvents);
    }

    [Fact]
    public void EventBeforeRuleStarted_IsNotLate()
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule());
        harness.RunAt(TenOClock);
        harness.Clock.SetUtcNow(TenOClock.AddMinutes(2));
        harness.Ingest(StopLogging(TenOClock.AddHours(-1), "old"));

        var entries = harness.RunAt(TenOClock.AddMinutes(5));

        Assert.DoesNotContain(entries, e => e.Kind == ExecutionKind.Late);
        Assert.Empty(harness.Alerts());
    }

    /// <summary>Runs at 10:00, 10:05 and 10:10, then stores an event of 10:01 at 10:14:30.</summary>
    private static SchedulerHarness WithLateArrival(Vigil.Detect.Rules.DetectionRule rule, SchedulerOptions? options = null)
    {
        var harness = new SchedulerHarness(TenOClock, options);
        harness.Register(rule);
        harness.RunAt(TenOClock);
        harness.RunAt(TenOClock.AddMinutes(5));
        harness.RunAt(TenOClock.AddMinutes(10));
        harness.Clock.SetUtcNow(TenOClock.AddMinutes(14).AddSeconds(30));
        harness.Ingest(StopLogging(TenOClock.AddMinutes(1), "late"));
        return harness;
    }
}
