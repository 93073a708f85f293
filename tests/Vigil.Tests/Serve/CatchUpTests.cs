using Vigil.Serve;
using static Vigil.Tests.Serve.SchedulerSamples;

namespace Vigil.Tests.Serve;

/// <summary>Kibana's catch-up: the examples of its <c>getRuleRangeTuples</c> for a 5m / now-6m rule.</summary>
public sealed class CatchUpTests
{
    private static readonly SchedulerOptions Parity = SchedulerOptions.KibanaParity;

    [Fact]
    public void EightMinuteDelay_AddsOneCatchUpWindow()
    {
        using var harness = new SchedulerHarness(TenOClock, Parity);
        harness.Register(StopLoggingRule());
        harness.RunAt(TenOClock);
        var start = TenOClock.AddMinutes(8);

        var entry = Assert.Single(harness.RunAt(start));

        Assert.Equal([new TimeWindow(start.AddMinutes(-11), start.AddMinutes(-5)), new TimeWindow(start.AddMinutes(-6), start)], entry.Windows);
        Assert.Equal(ExecutionStatus.Succeeded, entry.Status);
        Assert.Empty(entry.Gaps);
    }

    [Fact]
    public void TwentySevenMinuteDelay_FailsWithKibanaGap()
    {
        using var harness = new SchedulerHarness(TenOClock, Parity);
        harness.Register(StopLoggingRule());
        harness.RunAt(TenOClock);

        var entry = Assert.Single(harness.RunAt(TenOClock.AddMinutes(27)));

        Assert.Equal(5, entry.Windows.Count);
        Assert.Equal(ExecutionStatus.Failed, entry.Status);
        var gap = Assert.Single(entry.Gaps);
        Assert.Equal(new TimeWindow(TenOClock, TenOClock.AddMinutes(1)), gap.Window);
        Assert.Equal(
            "a minute (60000ms) were not queried between this rule execution and the last execution, so signals may have been missed. "
            + "This run started late (vigil serve was stopped or busy), and its catch-up windows reach back at most 4 intervals. "
            + $"Search that time with 'vigil rules run {StopLoggingRule().RuleId} --from 2026-12-04T10:00:00.000Z --to 2026-12-04T10:01:00.000Z'. "
            + "A longer look-back (from) covers a longer delay within the run.",
            entry.Error);
        Assert.DoesNotContain("Kibana instances", entry.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void GapWithBackfill_NamesBackfill()
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule());
        harness.RunAt(TenOClock);

        var entry = harness.RunAt(TenOClock.AddMinutes(27)).Single(e => e.Kind == ExecutionKind.Scheduled);

        Assert.Equal(ExecutionStatus.Failed, entry.Status);
        Assert.Contains("The backfill searches that time after this run, and 'vigil rules status' lists the part it has not searched yet.", entry.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("vigil rules run", entry.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Kibana instances", entry.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void CatchUpWindows_RunOldestFirst()
    {
        using var harness = new SchedulerHarness(TenOClock, Parity);
        harness.Register(StopLoggingRule());
        harness.RunAt(TenOClock);

        var entry = Assert.Single(harness.RunAt(TenOClock.AddMinutes(20)));

        Assert.Equal(entry.Windows.OrderBy(w => w.From), entry.Windows);
    }

    [Fact]
    public void CatchUpWindow_FindsEventTheMainWindowMisses()
    {
        using var harness = new SchedulerHarness(TenOClock, Parity);
        harness.Register(StopLoggingRule());
        harness.RunAt(TenOClock);
        harness.Ingest(StopLogging(TenOClock.AddMinutes(1), "between"));

        var entry = Assert.Single(harness.RunAt(TenOClock.AddMinutes(13)));

        Assert.Equal(1, entry.AlertsCreated);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(60_000, 1)]
    [InlineData(300_000, 1)]
    [InlineData(300_001, 2)]
    [InlineData(1_200_000, 4)]
    [InlineData(1_500_000, 4)]
    public void CatchUpPlan_CountsWindows(long gapMs, int catchUp)
    {
        RuleTiming.TryCreate(StopLoggingRule(), out var timing, out _);
        var previous = TenOClock;
        var start = previous.AddMinutes(6).AddMilliseconds(gapMs);

        var plan = CatchUpPlan.Create(timing!, start, previous);

        Assert.Equal(catchUp + 1, plan.Windows.Count);
    }

    [Fact]
    public void CatchUpPlan_FirstRunHasNoGap()
    {
        RuleTiming.TryCreate(StopLoggingRule(), out var timing, out _);

        var plan = CatchUpPlan.Create(timing!, TenOClock, previousStartedAt: null);

        Assert.Single(plan.Windows);
        Assert.Null(plan.GapRange);
    }

    [Theory]
    [InlineData(30_000, "a few seconds")]
    [InlineData(60_000, "a minute")]
    [InlineData(244_689, "4 minutes")]
    [InlineData(3_600_000, "an hour")]
    [InlineData(51_658_063, "14 hours")]
    [InlineData(172_800_000, "2 days")]
    public void Humanize_MatchesMoment(long milliseconds, string expected)
    {
        Assert.Equal(expected, Humanize.Duration(TimeSpan.FromMilliseconds(milliseconds)));
    }
}
