namespace Vigil.Serve;

/// <summary>The store, clock and settings every execution uses, and the window search they share.</summary>
internal sealed class ExecutionServices(IScheduledEventSource events, IAlertWriter alerts, TimeProvider clock, SchedulerOptions options)
{
    public IScheduledEventSource Events { get; } = events;

    public IAlertWriter Alerts { get; } = alerts;

    public TimeProvider Clock { get; } = clock;

    public SchedulerOptions Options { get; } = options;

    /// <summary>
    /// Searches one window with its own <c>max_signals</c> budget, records it in the ledger and
    /// updates the uncovered ranges. Matches left without an alert are kept as a range that is not
    /// retried: Kibana never revisits them, and a later run reads them again only inside its
    /// look-back overlap or when the user runs the rule over them.
    /// </summary>
    public WindowResult SearchWindow(ScheduledRule rule, RuleState state, ExecutionContext context, ExecutionRecord record, TimeWindow window)
    {
        var result = AlertBudget.Search(rule, Events, Alerts, context, window);
        record.Add(window, result);
        state.AlertCount += result.AlertsCreated;
        state.Ledger.Add(window);
        new UncoveredAfterSearch(rule, state, this).Apply(context, window, result);
        return result;
    }
}
