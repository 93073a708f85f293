namespace Vigil.Serve;

/// <summary>Collects the results of one execution and turns them into its log entry.</summary>
internal sealed class ExecutionRecord(ScheduledRule rule, ExecutionContext context, TimeProvider clock)
{
    private readonly long _startTimestamp = clock.GetTimestamp();
    private readonly WindowResult _total = new();
    private readonly List<TimeWindow> _windows = [];
    // Kibana warns once per run. Backfill and late chunks share the run id of the run they follow,
    // so they do not repeat the warning.
    private readonly List<string> _warnings =
        rule.MaxSignalsWarning is { } capped && context.Kind is ExecutionKind.Scheduled or ExecutionKind.Manual ? [capped] : [];
    private readonly List<ExecutionGap> _gaps = [];
    private readonly List<string> _errors = [];

    public long LateEvents { get; set; }

    public void Add(TimeWindow? window, WindowResult result)
    {
        if (window is { } searched)
        {
            _windows.Add(searched);
        }

        result.AddTo(_total);
        if (result.Truncated)
        {
            Warn(KibanaMessages.MaxSignalsReached);
        }
    }

    public void Warn(string message)
    {
        if (!_warnings.Contains(message))
        {
            _warnings.Add(message);
        }
    }

    /// <summary>Records a gap; like Kibana, a gap fails the execution.</summary>
    public void Gap(ExecutionGap gap, string error)
    {
        _gaps.Add(gap);
        _errors.Add(error);
    }

    public void Fail(string error) => _errors.Add(error);

    public ExecutionLogEntry Finish()
    {
        var entry = Build();
        SchedulerMetrics.Record(entry);
        return entry;
    }

    private ExecutionLogEntry Build() => new()
    {
        RuleUuid = rule.Rule.Uuid,
        RuleId = rule.Rule.RuleId,
        ExecutionUuid = context.ExecutionUuid(rule.Rule),
        Kind = context.Kind,
        StartedAt = context.StartedAt,
        EndedAt = clock.GetUtcNow(),
        Windows = _windows,
        Status = _errors.Count > 0 ? ExecutionStatus.Failed
            : _warnings.Count > 0 ? ExecutionStatus.PartialFailure
            : ExecutionStatus.Succeeded,
        EventsSearched = _total.EventsSearched,
        Matches = _total.Matches,
        AlertsCreated = _total.AlertsCreated,
        DuplicatesSkipped = _total.DuplicatesSkipped,
        MatchesNotAlerted = _total.MatchesNotAlerted,
        LateEvents = LateEvents,
        Duration = clock.GetElapsedTime(_startTimestamp),
        Warnings = _warnings,
        Gaps = _gaps,
        Error = _errors.Count == 0 ? null : string.Join(", ", _errors),
    };
}
