using Vigil.Serve;
using Vigil.Store;
using static Vigil.Tests.Serve.SchedulerSamples;

namespace Vigil.Tests.Serve;

public sealed class IsolationTests
{
    [Fact]
    public void ThrowingRule_DoesNotStopOthers()
    {
        using var harness = TwoRulesOneFailing();

        var entries = harness.RunAt(TenOClock);

        var failed = Assert.Single(entries, e => e.RuleId == "bad");
        var good = Assert.Single(entries, e => e.RuleId == "good");
        Assert.Equal(ExecutionStatus.Failed, failed.Status);
        Assert.Equal("the execution failed: injected read failure", failed.Error);
        Assert.Equal(ExecutionStatus.Succeeded, good.Status);
        Assert.Equal(1, good.AlertsCreated);
    }

    [Fact]
    public void ThrowingRule_IsLoggedAndRescheduled()
    {
        using var harness = TwoRulesOneFailing();

        harness.RunAt(TenOClock);

        var logged = Assert.Single(harness.Scheduler.ExecutionLog("bad"));
        Assert.Equal(ExecutionStatus.Failed, logged.Status);
        var status = harness.Scheduler.Status().Single(s => s.RuleId == "bad");
        Assert.Equal(ExecutionStatus.Failed, status.LastStatus);
        Assert.Equal(TenOClock.AddMinutes(5), status.NextRunAt);
    }

    [Fact]
    public void FailingSave_DoesNotStopOthers()
    {
        using var harness = new SchedulerHarness(TenOClock);
        var bad = harness.Register(StopLoggingRule("bad"));
        harness.Register(StopLoggingRule("good"));
        harness.State.FailingRuleUuid = bad.RuleUuid;

        var entries = harness.RunAt(TenOClock);

        Assert.Equal(ExecutionStatus.Failed, Assert.Single(entries, e => e.RuleId == "bad").Status);
        Assert.Equal(ExecutionStatus.Succeeded, Assert.Single(entries, e => e.RuleId == "good").Status);
    }

    [Fact]
    public void FailingSave_WaitsOneInterval()
    {
        using var harness = new SchedulerHarness(TenOClock);
        var bad = harness.Register(StopLoggingRule("bad"));
        harness.State.FailingRuleUuid = bad.RuleUuid;

        harness.RunAt(TenOClock);

        Assert.Equal(TenOClock.AddMinutes(5), harness.Scheduler.NextDueAt());
        Assert.Empty(harness.RunAt(TenOClock.AddMinutes(1)));
    }

    [Fact]
    public void UnsupportedRule_IsRegisteredWithReason()
    {
        using var harness = new SchedulerHarness(TenOClock);
        var threshold = Vigil.Detect.Rules.RuleLoader.ParseToml(
            StopLoggingRuleToml().Replace("type = \"query\"", "type = \"threshold\"", StringComparison.Ordinal) + "\n[rule.threshold]\nfield = [\"user.name\"]\nvalue = 2\n",
            null);

        var status = harness.Register(threshold);

        Assert.Equal("rule type threshold is not supported by the scheduler; only query rules run", status.NotRunnableReason);
        Assert.Null(status.NextRunAt);
        Assert.Empty(harness.RunAt(TenOClock));
    }

    private static SchedulerHarness TwoRulesOneFailing()
    {
        var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule("bad", timestampOverride: "event.ingested"));
        harness.Register(StopLoggingRule("good"));
        harness.Ingest(StopLogging(TenOClock.AddMinutes(-1), "one"));
        harness.Events.FailingTimeField = EventTimeField.Ingested;
        return harness;
    }
}
