namespace Vigil.Serve;

/// <summary>
/// Saves a manual run's execution log entries with the rule's state in batches, each in one
/// transaction, so a run that is stopped or crashes keeps the windows it completed. It keeps at most
/// one batch of entries in memory, however many windows the run searches.
/// </summary>
/// <remarks>
/// The state is loaded again after each save, so a scheduled run of a <c>vigil serve</c> that
/// saved between two batches keeps its schedule and ledger.
/// NOTE: a scheduled run that saves while a batch is searched still loses its state changes to that batch's save.
/// </remarks>
internal sealed class ManualRunLog(string ruleUuid, DateTimeOffset startedAt, ISchedulerStateStore store, ExecutionServices services)
{
    private readonly List<ExecutionLogEntry> _pending = [];
    private RuleState? _state;
    private long _savedTimestamp = services.Clock.GetTimestamp();

    /// <summary>Called with each entry once it is saved, in window order.</summary>
    public Action<ExecutionLogEntry>? Saved { get; init; }

    /// <summary>The rule's state, which the run's window searches update.</summary>
    public RuleState State => _state ??= store.LoadState(ruleUuid);

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

        // The last run is the latest to start, so a scheduled run that started during this one keeps it.
        var state = State;
        if (state.LastRunAt is null || state.LastRunAt <= startedAt)
        {
            state.LastRunAt = startedAt;
            state.LastStatus = Summary.Status;
        }

        store.Save(state, _pending);
        _state = null;
        _savedTimestamp = services.Clock.GetTimestamp();
        foreach (var entry in _pending)
        {
            Saved?.Invoke(entry);
        }

        _pending.Clear();
    }
}
