using Vigil.Serve;
using static Vigil.Tests.Serve.SchedulerSamples;

namespace Vigil.Tests.Serve;

/// <summary>
/// A run saves the state it changed only when the store still contains the state it loaded, so the
/// copy it keeps of that state and the comparison must cover every property.
/// </summary>
public sealed class RuleStateCopyTests
{
    public static TheoryData<string> Properties() => new(typeof(RuleState).GetProperties().Select(p => p.Name));

    [Fact]
    public void Copy_HasSameContent()
    {
        var state = Sample();

        Assert.True(state.Copy().HasSameContent(state));
    }

    [Fact]
    public void Copy_SharesNoLists()
    {
        var state = Sample();
        var copy = state.Copy();

        copy.Ledger.Add(0, 1);
        copy.Uncovered.Clear();

        Assert.Equal([(10L, 20L)], state.Ledger.Ranges);
        Assert.Single(state.Uncovered);
    }

    [Theory]
    [MemberData(nameof(Properties))]
    public void ChangedProperty_NotSameContent(string property)
    {
        var state = Sample();
        var changed = state.Copy();

        Change(changed, property);

        Assert.False(changed.HasSameContent(state));
        Assert.False(state.HasSameContent(changed));
    }

    private static RuleState Sample()
    {
        var state = new RuleState
        {
            RuleUuid = "rule-uuid",
            PreviousStartedAt = TenOClock,
            NextRunAt = TenOClock.AddMinutes(5),
            SeenSequence = 7,
            CoverageStartMs = 10,
            Ledger = new CoverageLedger([(10, 20)]),
            LastRunAt = TenOClock,
            LastStatus = ExecutionStatus.Succeeded,
            AlertCount = 3,
            LateEvents = 2,
        };
        state.Uncovered.Add(new UncoveredRange(TimeWindow.FromMilliseconds(12, 14), "max_signals", WillRetry: false, UncoveredKind.MaxSignals));
        return state;
    }

    private static void Change(RuleState state, string name)
    {
        var property = typeof(RuleState).GetProperty(name)!;
        switch (property.GetValue(state))
        {
            case CoverageLedger ledger:
                ledger.Add(0, 1);
                break;
            case List<UncoveredRange> ranges:
                ranges.Clear();
                break;
            case var value:
                property.SetValue(state, Other(name, value));
                break;
        }
    }

    private static object Other(string name, object? value) => value switch
    {
        string text => text + "-changed",
        bool flag => !flag,
        long number => number + 1,
        DateTimeOffset time => time.AddMilliseconds(1),
        _ => throw new InvalidOperationException($"RuleState.{name} has a value of type {value?.GetType().Name ?? "null"} that this test cannot change. Add a case for it to Other."),
    };
}
