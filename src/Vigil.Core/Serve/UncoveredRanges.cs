namespace Vigil.Serve;

/// <summary>Lists what a rule's status reports as uncovered: ranges given up or failed, and ledger holes still owed.</summary>
internal static class UncoveredRanges
{
    private const string Owed = "not searched yet; the next scheduled run backfills it";
    private const string NotOwed = "not searched; backfill is off";

    public static IReadOnlyList<UncoveredRange> Of(RuleState state, ScheduledRule? rule, ExecutionServices services)
    {
        var listed = new List<UncoveredRange>(state.Uncovered);
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
}
