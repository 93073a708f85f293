namespace Vigil.Serve;

/// <summary>
/// Saves a manual run's execution log entries with the rule's state in batches, each in one
/// transaction, so a run that is stopped or crashes keeps the windows it completed. It keeps at most
/// one batch of entries in memory, however many windows the run searches.
/// </summary>
/// <remarks>
/// A batch's windows are recorded in the rule's state only when the batch is saved, on the state
/// loaded just then, so a scheduled run of a <c>vigil serve</c> that saved while the batch was
/// searched keeps its schedule, ledger and uncovered ranges.
/// NOTE: a scheduled run that saves between that load and the save, a few milliseconds, still loses its changes.
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

        var state = store.LoadState(rule.Rule.Uuid);
        foreach (var (window, result) in _searched)
        {
            services.Record(rule, state, context, window, result);
        }

        // The last run is the latest to start, so a scheduled run that started during this one keeps it.
        if (state.LastRunAt is null || state.LastRunAt <= context.StartedAt)
        {
            state.LastRunAt = context.StartedAt;
            state.LastStatus = Summary.Status;
        }

        store.Save(state, _pending);
        _searched.Clear();
        _savedTimestamp = services.Clock.GetTimestamp();
        foreach (var entry in _pending)
        {
            Saved?.Invoke(entry);
        }

        _pending.Clear();
    }
}
