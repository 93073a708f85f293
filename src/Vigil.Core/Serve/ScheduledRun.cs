namespace Vigil.Serve;

/// <summary>
/// One scheduled execution with Kibana's semantics: the main window resolved at the actual start,
/// up to four catch-up windows before it when the run is late, oldest first, each with its own
/// <c>max_signals</c>, and a gap error for the time none of them reaches.
/// </summary>
internal sealed class ScheduledRun(ScheduledRule rule, RuleStateChanges changes, ExecutionServices services)
{
    public ExecutionLogEntry Run(DateTimeOffset startedAt)
    {
        var context = new ExecutionContext(startedAt, ExecutionKind.Scheduled);
        var record = new ExecutionRecord(rule, context, services.Clock);
        try
        {
            var plan = CatchUpPlan.Create(rule.Timing, startedAt, changes.State.PreviousStartedAt);
            var first = plan.Windows[0];
            changes.Apply(state => StartCoverage(state, first));
            RecordGap(plan, record);
            foreach (var window in plan.Windows)
            {
                services.SearchWindow(rule, changes, context, record, window);
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            record.Fail($"the execution failed: {error.Message}");
        }

        changes.Apply(state =>
        {
            state.PreviousStartedAt = startedAt;
            state.NextRunAt = startedAt + rule.Timing.Interval;
        });
        return record.Finish();
    }

    /// <summary>
    /// Owes coverage from the first window of the rule's first run; after the rule was disabled and
    /// enabled again, gives up the time in between with that reason.
    /// </summary>
    private static void StartCoverage(RuleState state, TimeWindow first)
    {
        if (state.CoverageStartMs is null)
        {
            state.CoverageStartMs = first.FromMs;
        }
        else if (state.Restarted && state.Ledger.Ranges.Count > 0)
        {
            var lastCovered = state.Ledger.Ranges[^1].To;
            if (lastCovered + 1 < first.FromMs)
            {
                var skipped = TimeWindow.FromMilliseconds(lastCovered + 1, first.FromMs - 1);
                state.Uncovered.Add(new UncoveredRange(skipped, "the rule was disabled", WillRetry: false, UncoveredKind.Disabled));
                state.Ledger.Add(skipped);
            }
        }

        state.Restarted = false;
    }

    private void RecordGap(CatchUpPlan plan, ExecutionRecord record)
    {
        if (plan.GapRange is { } gap)
        {
            var message = GapMessage.Format(plan.RemainingGap, gap, rule.Rule.RuleId, services.Options.BackfillUncovered);
            record.Gap(new ExecutionGap(gap, message), message);
        }
    }
}
