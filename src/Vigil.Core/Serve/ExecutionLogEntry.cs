namespace Vigil.Serve;

/// <summary>One row of a rule's execution log.</summary>
public sealed record ExecutionLogEntry
{
    /// <summary>The row number, increasing in the order executions were logged.</summary>
    public long Id { get; init; }

    /// <summary>The rule's saved-object id (<c>kibana.alert.rule.uuid</c>).</summary>
    public required string RuleUuid { get; init; }

    /// <summary>The rule's <c>rule_id</c>.</summary>
    public required string RuleId { get; init; }

    /// <summary>The execution id written to its alerts as <c>kibana.alert.rule.execution.uuid</c>.</summary>
    public required string ExecutionUuid { get; init; }

    /// <summary>Why the execution ran.</summary>
    public required ExecutionKind Kind { get; init; }

    /// <summary>When the execution started, which is the <c>now</c> its date math resolves against.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the execution ended.</summary>
    public required DateTimeOffset EndedAt { get; init; }

    /// <summary>
    /// The windows searched, oldest first: for a scheduled run, Kibana's catch-up windows and then
    /// the main window; empty for a late evaluation.
    /// </summary>
    public IReadOnlyList<TimeWindow> Windows { get; init; } = [];

    /// <summary><see cref="ExecutionStatus.Succeeded"/>, <see cref="ExecutionStatus.PartialFailure"/> or <see cref="ExecutionStatus.Failed"/>.</summary>
    public required string Status { get; init; }

    /// <summary>The stored events read, after the candidate-value filter and before the query.</summary>
    public long EventsSearched { get; init; }

    /// <summary>The events the query matched.</summary>
    public long Matches { get; init; }

    /// <summary>The new alerts written.</summary>
    public long AlertsCreated { get; init; }

    /// <summary>Matches whose alert already existed, which do not use the <c>max_signals</c> budget.</summary>
    public long DuplicatesSkipped { get; init; }

    /// <summary>Matches left without an alert because the window reached <c>max_signals</c>.</summary>
    public long MatchesNotAlerted { get; init; }

    /// <summary>Events evaluated after their time range had been searched (late arrivals).</summary>
    public long LateEvents { get; init; }

    /// <summary>The execution's duration on the scheduler's clock.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Warnings, such as Kibana's <c>max_signals</c> message; they make the status a partial failure.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Ranges this execution left unsearched, such as the part of a late start that catch-up windows do not reach.</summary>
    public IReadOnlyList<ExecutionGap> Gaps { get; init; } = [];

    /// <summary>The error that failed the execution; null when it did not fail with an error.</summary>
    public string? Error { get; init; }
}
