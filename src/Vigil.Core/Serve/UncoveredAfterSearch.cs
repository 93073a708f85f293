using Vigil.Store;

namespace Vigil.Serve;

/// <summary>
/// Updates a rule's uncovered ranges after a complete search of one window. Every match the search
/// found now has an alert, except those past <c>max_signals</c>, which become one new range. So the
/// search clears what it covered of earlier ranges, and a range it covered in part shrinks to the
/// matches still without an alert. Ranges of expired events are never cleared. Nor is any part of a
/// range where retention may have deleted events, because the search no longer finds them. The
/// exception is a <c>max_signals</c> range whose matches without an alert are all still stored.
/// </summary>
internal sealed class UncoveredAfterSearch(ScheduledRule rule, RuleState state, ExecutionServices services)
{
    public void Apply(ExecutionContext context, TimeWindow window, WindowResult result)
    {
        // Read after the search, so a deletion committed before the search read its window is included.
        var cutoff = services.ReadRetentionCutoff();
        var retainedFromMs = ExecutionServices.RetainedFromMs(rule, cutoff);
        Clear(context, window, cutoff, retainedFromMs);
        if (result.Truncated)
        {
            state.Uncovered.Add(NotAlertedRange(context, window, result));
        }
    }

    private void Clear(ExecutionContext context, TimeWindow window, RetentionCutoff? cutoff, long retainedFromMs)
    {
        var overlapping = state.Uncovered.Where(u => IsClearable(u.Kind) && Overlaps(u.Window, window)).ToList();
        foreach (var range in overlapping)
        {
            // Before retainedFromMs the search missed deleted events, so it vouches for that part of
            // a range only when every match the range counted is still stored.
            var stillStored = range.NotAlertedStillStored(cutoff);
            var searchedFromMs = stillStored ? window.FromMs : Math.Max(window.FromMs, retainedFromMs);
            if (searchedFromMs > Math.Min(window.ToMs, range.Window.ToMs))
            {
                continue;
            }

            var searched = TimeWindow.FromMilliseconds(searchedFromMs, window.ToMs);
            state.Uncovered.Remove(range);
            foreach (var rest in Outside(range.Window, searched))
            {
                var countable = stillStored || rest.FromMs >= retainedFromMs;
                if (Remainder(context, range, rest, countable) is { } remainder)
                {
                    state.Uncovered.Add(remainder);
                }
            }
        }
    }

    /// <summary>
    /// Returns what is left of <paramref name="range"/> in <paramref name="rest"/>. For a
    /// <c>max_signals</c> range, the matches there are counted again so the reason keeps an exact
    /// count, unless <paramref name="countable"/> is false because retention may have deleted some
    /// of them.
    /// </summary>
    private UncoveredRange? Remainder(ExecutionContext context, UncoveredRange range, TimeWindow rest, bool countable)
    {
        if (range.Kind != UncoveredKind.MaxSignals || !countable)
        {
            return range with { Window = rest };
        }

        var count = AlertBudget.CountNotAlerted(rule, services.Events, services.Alerts, context, rest);
        if (count.MatchesNotAlerted == 0)
        {
            return null;
        }

        return range with
        {
            Window = TimeWindow.FromMilliseconds(count.NotAlertedFromMs ?? rest.FromMs, count.NotAlertedToMs ?? rest.ToMs),
            Reason = MaxSignalsReason.WithCount(range.Reason, count.MatchesNotAlerted),
            NotAlerted = count.MatchesNotAlerted,
            NotAlertedMinIngestedMs = MinIngestedOrMax(count),
        };
    }

    private UncoveredRange NotAlertedRange(ExecutionContext context, TimeWindow window, WindowResult result)
    {
        var from = Math.Max(result.NotAlertedFromMs ?? window.FromMs, window.FromMs);
        var to = Math.Min(result.NotAlertedToMs ?? window.ToMs, window.ToMs);
        var reason = MaxSignalsReason.Create(rule.MaxSignals, context.StartedAt, result.MatchesNotAlerted);
        return new UncoveredRange(TimeWindow.FromMilliseconds(from, Math.Max(from, to)), reason, WillRetry: false, UncoveredKind.MaxSignals)
        {
            NotAlerted = result.MatchesNotAlerted,
            NotAlertedMinIngestedMs = MinIngestedOrMax(result),
        };
    }

    // Retention deletes only by event.ingested, so matches without it can never be deleted.
    private static long MinIngestedOrMax(WindowResult result) => result.NotAlertedMinIngestedMs ?? long.MaxValue;

    private static bool IsClearable(UncoveredKind kind) =>
        kind is UncoveredKind.MaxSignals or UncoveredKind.Disabled or UncoveredKind.SearchFailed;

    private static bool Overlaps(TimeWindow a, TimeWindow b) => a.FromMs <= b.ToMs && b.FromMs <= a.ToMs;

    /// <summary>Returns the parts of <paramref name="range"/> before and after <paramref name="searched"/>.</summary>
    private static IEnumerable<TimeWindow> Outside(TimeWindow range, TimeWindow searched)
    {
        if (range.FromMs < searched.FromMs)
        {
            yield return TimeWindow.FromMilliseconds(range.FromMs, searched.FromMs - 1);
        }

        if (range.ToMs > searched.ToMs)
        {
            yield return TimeWindow.FromMilliseconds(searched.ToMs + 1, range.ToMs);
        }
    }
}
