using Microsoft.Extensions.Time.Testing;
using Vigil.Serve;
using Vigil.Store.Scheduler;
using static Vigil.Tests.Serve.SchedulerSamples;

namespace Vigil.Tests.Serve;

/// <summary>
/// A rule whose last run started after the clock's time is one the clock moved back under, and
/// serve reports it instead of waiting in silence.
/// </summary>
public sealed class ClockMovedBackTests
{
    [Fact]
    public void ClockBackOneDay_RuleReported()
    {
        var later = TenOClock.AddDays(1);
        using var harness = new SchedulerHarness(later);
        harness.Register(StopLoggingRule());
        harness.RunAt(later);
        var earlierClock = new FakeTimeProvider(TenOClock);
        var restarted = new RuleScheduler(new SqliteSchedulerState(harness.Store), new StoreEventSource(harness.Store), new StoreAlertWriter(harness.Store), earlierClock, harness.Options);
        restarted.Register(StopLoggingRule());

        var (rule, next) = Assert.Single(restarted.RulesLastRunAfterNow());

        Assert.Equal(StopLoggingRule().RuleId, rule.RuleId);
        Assert.Equal(later.AddMinutes(5), next);
        Assert.Empty(restarted.RunDue(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(60)]
    public void ClockAtOrPastLastRun_NothingReported(int minutesAfterRun)
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule());
        harness.RunAt(TenOClock);

        harness.Clock.SetUtcNow(TenOClock.AddMinutes(minutesAfterRun));

        Assert.Empty(harness.Scheduler.RulesLastRunAfterNow());
    }
}
