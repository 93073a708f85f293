using Vigil.Store;

namespace Vigil.Serve;

/// <summary>The store, clock and settings every execution uses, and the window search they share.</summary>
internal sealed class ExecutionServices(IScheduledEventSource events, IAlertWriter alerts, TimeProvider clock, SchedulerOptions options)
{
    public IScheduledEventSource Events { get; } = events;

    public IAlertWriter Alerts { get; } = alerts;

    public TimeProvider Clock { get; } = clock;

    public SchedulerOptions Options { get; } = options;

    /// <summary>
    /// Returns how far retention has deleted events, or null when it never deleted one. The store
    /// records every deletion of any process (<c>serve</c>, <c>ingest --retention</c>). Call it after
    /// a search, so it includes every deletion the search missed.
    /// </summary>
    public RetentionCutoff? ReadRetentionCutoff() => Events.ReadRetentionCutoff();

    /// <summary>
    /// Returns the earliest time on the rule's time axis from which a search now finds every event
    /// that was stored: before it, retention has deleted events.
    /// </summary>
    /// <remarks>
    /// Retention deletes by <c>event.ingested</c>; for <c>@timestamp</c> the recorded bound is the
    /// latest <c>@timestamp</c> deleted. The scheduler's own retention is not a bound: events past it
    /// stay until a deletion runs, and that deletion is recorded. Call it after a search, so it
    /// includes every deletion the search missed. An <c>@timestamp</c> rule over logs older than the
    /// retention, none of them deleted, so clears its ranges once every match has an alert. A
    /// <c>max_signals</c> range before the bound clears too while its matches are still stored
    /// (<see cref="UncoveredRange.NotAlertedStillStored"/>).
    /// </remarks>
    public long RetainedFromMs(ScheduledRule rule) => RetainedFromMs(rule, ReadRetentionCutoff());

    /// <summary>Returns <see cref="RetainedFromMs(ScheduledRule)"/> for a cutoff already read.</summary>
    public static long RetainedFromMs(ScheduledRule rule, RetentionCutoff? cutoff) =>
        cutoff?.RetainedFromMs(rule.StoredTimeField) ?? long.MinValue;

    /// <summary>
    /// Searches one window with its own <c>max_signals</c> budget, records it in the ledger and
    /// updates the uncovered ranges. Matches left without an alert are kept as a range that is not
    /// retried: Kibana never revisits them, and a later run reads them again only inside its
    /// look-back overlap or when the user runs the rule over them.
    /// </summary>
    public WindowResult SearchWindow(ScheduledRule rule, RuleStateChanges changes, ExecutionContext context, ExecutionRecord record, TimeWindow window)
    {
        var result = SearchOnly(rule, context, record, window);
        changes.Apply(state => Record(rule, state, context, window, result));
        return result;
    }

    /// <summary>Searches one window with its own <c>max_signals</c> budget, and leaves the rule's state as it is.</summary>
    public WindowResult SearchOnly(ScheduledRule rule, ExecutionContext context, ExecutionRecord record, TimeWindow window)
    {
        var result = AlertBudget.Search(rule, Events, Alerts, context, window);
        record.Add(window, result);
        return result;
    }

    /// <summary>Records a window's search in the rule's state: its alerts, the ledger and the uncovered ranges.</summary>
    public void Record(ScheduledRule rule, RuleState state, ExecutionContext context, TimeWindow window, WindowResult result)
    {
        state.AlertCount += result.AlertsCreated;
        state.Ledger.Add(window);
        new UncoveredAfterSearch(rule, state, this).Apply(context, window, result);
    }
}
