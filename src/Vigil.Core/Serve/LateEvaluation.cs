namespace Vigil.Serve;

/// <summary>
/// Evaluates events stored since the previous run whose <c>@timestamp</c> falls in time the rule has
/// already searched. Kibana never alerts on such events on a rule whose windows apply to event time;
/// Vigil alerts on them at the next run, with their own <c>max_signals</c>, and counts them as late.
/// </summary>
internal sealed class LateEvaluation(ScheduledRule rule, RuleStateChanges changes, ExecutionServices services)
{
    /// <summary>Returns the log entry of the evaluation, or null when no late event arrived.</summary>
    public ExecutionLogEntry? Run(DateTimeOffset startedAt, long newestSequence)
    {
        var ledger = changes.State.Ledger;
        var seen = changes.State.SeenSequence;
        changes.Apply(state => state.SeenSequence = newestSequence);
        if (!services.Options.EvaluateLateEvents || !rule.WindowsOnEventTime || seen is not { } after
            || newestSequence <= after || ledger.Ranges.Count == 0)
        {
            return null;
        }

        var context = new ExecutionContext(startedAt, ExecutionKind.Late);
        var record = new ExecutionRecord(rule, context, services.Clock);
        var budget = new AlertBudget(rule, services.Alerts, context);
        var query = new LateEventQuery(after, newestSequence, ledger.Ranges[^1].To, rule.Candidates.Actions, rule.Candidates.Providers);
        try
        {
            foreach (var candidate in services.Events.ReadLate(query))
            {
                if (ledger.Covers(candidate.Timestamp!.Value.ToUnixTimeMilliseconds()))
                {
                    budget.Offer(candidate);
                }
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            record.Fail($"the late-event evaluation failed: {error.Message}");
        }

        return Finish(record, budget.Result);
    }

    private ExecutionLogEntry? Finish(ExecutionRecord record, WindowResult result)
    {
        if (result.EventsSearched == 0)
        {
            return null;
        }

        record.Add(null, result);
        record.LateEvents = result.EventsSearched;
        changes.Apply(state =>
        {
            state.AlertCount += result.AlertsCreated;
            state.LateEvents += result.EventsSearched;
        });
        return record.Finish();
    }
}
