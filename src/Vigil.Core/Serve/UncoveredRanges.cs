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
    /// Lists a range as <see cref="UncoveredKind.Expired"/> when retention may have deleted events
    /// anywhere in it, unless every match it counted without an alert is still stored. The status
    /// then no longer offers a search that cannot clear it. The stored range keeps its kind: only the
    /// listing changes.
    /// </summary>
    private static IEnumerable<UncoveredRange> AsExpiredWhereDeleted(IEnumerable<UncoveredRange> ranges, ScheduledRule? rule, ExecutionServices services)
    {
        if (rule is null)
        {
            return ranges;
        }

        var cutoff = services.ReadRetentionCutoff();
        var retainedFrom = ExecutionServices.RetainedFromMs(rule, cutoff);
        return ranges.Select(range => MayHaveLostEvents(range)
            ? range with { Kind = UncoveredKind.Expired, WillRetry = false }
            : range);

        bool MayHaveLostEvents(UncoveredRange range) =>
            range.Kind != UncoveredKind.Expired
            && range.Window.ToMs < retainedFrom
            && !range.NotAlertedStillStored(cutoff);
    }
}
