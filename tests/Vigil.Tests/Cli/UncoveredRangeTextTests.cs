using Vigil.Cli;
using Vigil.Serve;

namespace Vigil.Tests.Cli;

/// <summary>The next step that <c>rules status</c> gives for a range that reached <c>max_signals</c>.</summary>
public class UncoveredRangeTextTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static readonly UncoveredRange MaxSignals =
        new(new TimeWindow(Start, Start.AddMinutes(6)), "max_signals (2) reached", WillRetry: false, UncoveredKind.MaxSignals);

    [Fact]
    public void RangeInLookBackIsSearchedAgain()
    {
        var next = UncoveredRangeText.NextStep(MaxSignals, "now-6m", searchedFrom: Start.AddMinutes(1));

        Assert.Contains("each later run searches it again while it lies within the rule's look-back (from now-6m)", next, StringComparison.Ordinal);
    }

    [Fact]
    public void RangeBeforeLookBackNeedsRulesRun()
    {
        var next = UncoveredRangeText.NextStep(MaxSignals, "now-6m", searchedFrom: Start.AddDays(5));

        Assert.Contains("later runs no longer reach it, because it ends before the rule's look-back (from now-6m)", next, StringComparison.Ordinal);
        Assert.Contains("only 'vigil rules run' over it can clear it", next, StringComparison.Ordinal);
        Assert.DoesNotContain("searches it again", next, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownLookBackKeepsGeneralText()
    {
        var next = UncoveredRangeText.NextStep(MaxSignals, lookBack: null);

        Assert.Contains("each later run searches it again while it lies within the rule's look-back,", next, StringComparison.Ordinal);
    }
}
