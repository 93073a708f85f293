using Vigil.Serve;
using static Vigil.Tests.Serve.SchedulerSamples;

namespace Vigil.Tests.Serve;

public sealed class StatusTests
{
    [Fact]
    public void Status_ReportsLastAndNextRun()
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule());
        harness.Ingest(StopLogging(TenOClock.AddMinutes(-1), "one"));

        harness.RunAt(TenOClock);
        var status = Assert.Single(harness.Scheduler.Status());

        Assert.True(status.Enabled);
        Assert.Equal(TenOClock, status.LastRunAt);
        Assert.Equal(ExecutionStatus.Succeeded, status.LastStatus);
        Assert.Equal(TenOClock.AddMinutes(5), status.NextRunAt);
        Assert.Equal(1, status.AlertCount);
    }

    [Fact]
    public void Status_NeverRunRule_HasNoNextRun()
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule());
        harness.Clock.SetUtcNow(TenOClock.AddMinutes(7));

        var status = Assert.Single(harness.Scheduler.Status());

        Assert.True(status.Enabled);
        Assert.Null(status.NextRunAt);
    }

    [Fact]
    public void Status_ReenabledRule_HasNoNextRun()
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule());
        harness.RunAt(TenOClock);
        harness.Scheduler.Disable("stop-logging");
        harness.Scheduler.Enable("stop-logging");

        var status = Assert.Single(harness.Scheduler.Status());

        Assert.Null(status.NextRunAt);
        Assert.Equal(TenOClock, harness.Scheduler.NextDueAt());
    }

    [Fact]
    public void Status_CountsAlertsStoredBeforeAFailedSave()
    {
        using var harness = new SchedulerHarness(TenOClock);
        var rule = harness.Register(StopLoggingRule());
        harness.Ingest(StopLogging(TenOClock.AddMinutes(-2), "one"));
        harness.Ingest(StopLogging(TenOClock.AddMinutes(-1), "two"));
        harness.State.FailingRuleUuid = rule.RuleUuid;

        harness.RunAt(TenOClock);
        var status = Assert.Single(harness.Scheduler.Status());

        Assert.Equal(0, harness.State.LoadState(rule.RuleUuid).AlertCount);
        Assert.Equal(2, status.AlertCount);
    }

    [Fact]
    public void Register_RaisesRevisionWhenContentChanges()
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule());

        var same = harness.Register(StopLoggingRule());
        var changed = harness.Register(StopLoggingRule(maxSignals: 50));

        Assert.Equal(0, same.Revision);
        Assert.Equal(1, changed.Revision);
    }

    [Fact]
    public void Attach_KeepsRevisionOfChangedRule()
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule());

        var attached = harness.Scheduler.Attach(StopLoggingRule(maxSignals: 50));
        var status = Assert.Single(harness.Scheduler.Status());

        Assert.True(attached);
        Assert.Equal(0, status.Revision);
        Assert.Null(status.NotRunnableReason);
    }

    [Fact]
    public void Attach_UnregisteredRuleReturnsFalse()
    {
        using var harness = new SchedulerHarness(TenOClock);

        Assert.False(harness.Scheduler.Attach(StopLoggingRule()));
        Assert.Empty(harness.Scheduler.Status());
    }

    [Fact]
    public void Register_KeepsDisabledFlag()
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule());
        harness.Scheduler.Disable("stop-logging");

        var status = harness.Register(StopLoggingRule());

        Assert.False(status.Enabled);
        Assert.Null(status.NextRunAt);
    }

    [Fact]
    public void Disable_UnknownRuleReturnsFalse()
    {
        using var harness = new SchedulerHarness(TenOClock);

        Assert.False(harness.Scheduler.Disable("missing"));
    }

    [Fact]
    public void ExecutionLog_RoundTripsEntry()
    {
        using var harness = new SchedulerHarness(TenOClock, SchedulerOptions.KibanaParity);
        harness.Register(StopLoggingRule());
        harness.RunAt(TenOClock);
        var written = Assert.Single(harness.RunAt(TenOClock.AddMinutes(27)));

        var read = harness.Scheduler.ExecutionLog("stop-logging")[0];

        Assert.Equal(written with { Id = read.Id, Duration = read.Duration }, read, new LogEntryComparer());
    }

    private sealed class LogEntryComparer : IEqualityComparer<ExecutionLogEntry>
    {
        public bool Equals(ExecutionLogEntry? x, ExecutionLogEntry? y) =>
            x is not null && y is not null
            && x.Windows.SequenceEqual(y.Windows)
            && x.Warnings.SequenceEqual(y.Warnings)
            && x.Gaps.SequenceEqual(y.Gaps)
            && (x with { Windows = [], Warnings = [], Gaps = [] }) == (y with { Windows = [], Warnings = [], Gaps = [] });

        public int GetHashCode(ExecutionLogEntry obj) => obj.RuleUuid.GetHashCode(StringComparison.Ordinal);
    }
}
