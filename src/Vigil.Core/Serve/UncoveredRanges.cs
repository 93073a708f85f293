namespace Vigil.Serve;

/// <summary>Lists what a rule's status reports as uncovered: ranges given up or failed, and ledger holes still owed.</summary>
internal static class UncoveredRanges
{
    private const string Owed = "not searched yet; the next scheduled run backfills it";
    private const string NotOwed = "not searched; backfill is off";

    public static IReadOnlyList<UncoveredRange> Of(RuleState state, ScheduledRule? rule, ExecutionServices services)
    {
        var listed = new List<UncoveredRange>(AsExpiredWhereDeleted(state.Uncovered, rule, services));
        if (rule is not null && state.CoverageStartMs is { } owedFrom && state.Ledger.Ranges.Count > 0)
        {
            var reason = services.Options.BackfillUncovered ? Owed : NotOwed;
            foreach (var hole in state.Ledger.Uncovered(owedFrom, state.Ledger.Ranges[^1].To))
            {
                if (!listed.Exists(u => u.Window == hole))
                {
                    listed.Add(new UncoveredRange(hole, reason, services.Options.BackfillUncovered, UncoveredKind.NotSearched));
                }
            }
        }

        return [.. listed.OrderBy(u => u.Window.From)];
    }

    /// <summary>
    /// Lists a range as <see cref="UncoveredKind.Expired"/> once retention has deleted every event it
    /// could hold, so that the status no longer offers a search that cannot clear it. The stored
    /// range keeps its kind: only the listing changes.
    /// </summary>
    private static IEnumerable<UncoveredRange> AsExpiredWhereDeleted(IEnumerable<UncoveredRange> ranges, ScheduledRule? rule, ExecutionServices services)
    {
        var retainedFrom = rule is null ? long.MinValue : services.RetainedFromMs(rule);
        return ranges.Select(range => range.Kind != UncoveredKind.Expired && range.Window.ToMs < retainedFrom
            ? range with { Kind = UncoveredKind.Expired, WillRetry = false }
            : range);
    }
}
