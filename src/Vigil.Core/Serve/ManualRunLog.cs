namespace Vigil.Serve;

/// <summary>
/// Saves a manual run's execution log entries with the rule's state in batches, each in one
/// transaction, so a run that is stopped or crashes keeps the windows it completed. It keeps at most
/// one batch of entries in memory, however many windows the run searches.
/// </summary>
/// <remarks>
/// A batch's windows are recorded in the rule's state only when the batch is saved, on the state
/// loaded just then, and again on the newer state inside the save's transaction when another
/// process saved in between. So a scheduled run of a <c>vigil serve</c> that saved while the batch
/// was searched or recorded keeps its schedule, ledger and uncovered ranges.
/// </remarks>
internal sealed class ManualRunLog(ScheduledRule rule, ExecutionContext context, ISchedulerStateStore store, ExecutionServices services)
{
    private readonly List<ExecutionLogEntry> _pending = [];
    private readonly List<(TimeWindow Window, WindowResult Result)> _searched = [];
    private long _savedTimestamp = services.Clock.GetTimestamp();

    /// <summary>Called with each entry once it is saved, in window order.</summary>
    public Action<ExecutionLogEntry>? Saved { get; init; }

    /// <summary>Keeps a window's completed search, to be recorded in the rule's state with its batch.</summary>
    public void Searched(TimeWindow window, WindowResult result) => _searched.Add((window, result));

    public ManualRunSummary Summary { get; } = new();

    /// <summary>Adds one window's entry, and saves the batch when it is full or due.</summary>
    public void Add(ExecutionLogEntry entry)
    {
        _pending.Add(entry);
        Summary.Add(entry);
        if (_pending.Count >= services.Options.ManualRunSaveWindows
            || services.Clock.GetElapsedTime(_savedTimestamp) >= services.Options.ManualRunSaveInterval)
        {
            Save();
        }
    }

    /// <summary>Saves the entries not yet saved with the rule's state, in one transaction.</summary>
    public void Save()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        // Recording reads the store, so it runs before the save's transaction, which makes the
        // changes again only when another process saved the state since this load.
        var changes = new RuleStateChanges(store.LoadState(rule.Rule.Uuid));
        foreach (var (window, result) in _searched)
        {
            changes.Apply(state => services.Record(rule, state, context, window, result));
        }

        store.Update(rule.Rule.Uuid, current =>
        {
            var state = changes.Rebase(current);
            state.SetLastRun(context.StartedAt, Summary.Status);
            return state;
        }, _pending);
        _searched.Clear();
        _savedTimestamp = services.Clock.GetTimestamp();
        foreach (var entry in _pending)
        {
            Saved?.Invoke(entry);
        }

        _pending.Clear();
    }
}
