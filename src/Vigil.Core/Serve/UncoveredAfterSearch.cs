namespace Vigil.Serve;

/// <summary>
/// Updates a rule's uncovered ranges after a complete search of one window. Every match the search
/// found now has an alert, except those past <c>max_signals</c>, which become one new range. So the
/// search clears what it covered of earlier ranges, and a range it covered in part shrinks to the
/// matches still without an alert. Ranges of expired events are never cleared, and nor is any part of
/// a range where retention may have deleted events: the search no longer finds them.
/// </summary>
internal sealed class UncoveredAfterSearch(ScheduledRule rule, RuleState state, ExecutionServices services)
{
    public void Apply(ExecutionContext context, TimeWindow window, WindowResult result)
    {
        // Read after the search, so a deletion committed before the search read its window is included.
        var retainedFromMs = services.RetainedFromMs(rule);
        var searchedFromMs = Math.Max(window.FromMs, retainedFromMs);
        if (searchedFromMs <= window.ToMs)
        {
            Clear(context, TimeWindow.FromMilliseconds(searchedFromMs, window.ToMs), retainedFromMs);
        }

        if (result.Truncated)
        {
            state.Uncovered.Add(NotAlertedRange(context, window, result));
        }
    }

    private void Clear(ExecutionContext context, TimeWindow searched, long retainedFromMs)
    {
        var covered = state.Uncovered.Where(u => IsClearable(u.Kind) && Overlaps(u.Window, searched)).ToList();
        foreach (var range in covered)
        {
            state.Uncovered.Remove(range);
            foreach (var rest in Outside(range.Window, searched))
            {
                if (Remainder(context, range, rest, retainedFromMs) is { } remainder)
                {
                    state.Uncovered.Add(remainder);
                }
            }
        }
    }

    /// <summary>
    /// Returns what is left of <paramref name="range"/> in <paramref name="rest"/>. For a
    /// <c>max_signals</c> range, the matches there are counted again so the reason keeps an exact
    /// count, unless retention may have deleted the events there.
    /// </summary>
    private UncoveredRange? Remainder(ExecutionContext context, UncoveredRange range, TimeWindow rest, long retainedFromMs)
    {
        if (range.Kind != UncoveredKind.MaxSignals || rest.FromMs < retainedFromMs)
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
        };
    }

    private UncoveredRange NotAlertedRange(ExecutionContext context, TimeWindow window, WindowResult result)
    {
        var from = Math.Max(result.NotAlertedFromMs ?? window.FromMs, window.FromMs);
        var to = Math.Min(result.NotAlertedToMs ?? window.ToMs, window.ToMs);
        var reason = MaxSignalsReason.Create(rule.Rule.MaxSignals, context.StartedAt, result.MatchesNotAlerted);
        return new UncoveredRange(TimeWindow.FromMilliseconds(from, Math.Max(from, to)), reason, WillRetry: false, UncoveredKind.MaxSignals)
        {
            NotAlerted = result.MatchesNotAlerted,
        };
    }

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
