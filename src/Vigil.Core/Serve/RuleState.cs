namespace Vigil.Serve;

/// <summary>What the scheduler keeps about one rule between runs and restarts.</summary>
internal sealed class RuleState
{
    public required string RuleUuid { get; init; }

    public bool Enabled { get; set; } = true;

    /// <summary>The start of the previous scheduled run, Kibana's <c>previousStartedAt</c>.</summary>
    public DateTimeOffset? PreviousStartedAt { get; set; }

    public DateTimeOffset? NextRunAt { get; set; }

    /// <summary>The newest event sequence when the previous scheduled run started; later ones may be late.</summary>
    public long? SeenSequence { get; set; }

    /// <summary>
    /// Where coverage is owed from: the start of the first window after the rule was registered or
    /// enabled. Time before it is never backfilled.
    /// </summary>
    public long? CoverageStartMs { get; set; }

    /// <summary>True after the rule is enabled again, until its next scheduled run.</summary>
    public bool Restarted { get; set; }

    public CoverageLedger Ledger { get; set; } = new();

    /// <summary>Ranges that were given up, or whose last search failed, with the reason.</summary>
    public List<UncoveredRange> Uncovered { get; } = [];

    public DateTimeOffset? LastRunAt { get; set; }

    public string? LastStatus { get; set; }

    public long AlertCount { get; set; }

    public long LateEvents { get; set; }

    /// <summary>
    /// Sets the last run to the run that started at <paramref name="startedAt"/>, unless a run that
    /// started later saved it first: the last run is the latest to start.
    /// </summary>
    public void SetLastRun(DateTimeOffset startedAt, string? status)
    {
        if (LastRunAt is null || LastRunAt <= startedAt)
        {
            LastRunAt = startedAt;
            LastStatus = status;
        }
    }

    /// <summary>Returns a copy that shares no ledger or list with this state, so changes to either leave the other as it is.</summary>
    public RuleState Copy()
    {
        var copy = new RuleState
        {
            RuleUuid = RuleUuid,
            Enabled = Enabled,
            PreviousStartedAt = PreviousStartedAt,
            NextRunAt = NextRunAt,
            SeenSequence = SeenSequence,
            CoverageStartMs = CoverageStartMs,
            Restarted = Restarted,
            Ledger = new CoverageLedger(Ledger.Ranges),
            LastRunAt = LastRunAt,
            LastStatus = LastStatus,
            AlertCount = AlertCount,
            LateEvents = LateEvents,
        };

        // UncoveredRange is an immutable record, so the copy may share the ranges themselves.
        copy.Uncovered.AddRange(Uncovered);
        return copy;
    }

    /// <summary>Returns whether <paramref name="other"/> has the same values, ledger and uncovered ranges, in the same order.</summary>
    public bool HasSameContent(RuleState other) =>
        RuleUuid == other.RuleUuid
        && Enabled == other.Enabled
        && PreviousStartedAt == other.PreviousStartedAt
        && NextRunAt == other.NextRunAt
        && SeenSequence == other.SeenSequence
        && CoverageStartMs == other.CoverageStartMs
        && Restarted == other.Restarted
        && Ledger.Ranges.SequenceEqual(other.Ledger.Ranges)
        && Uncovered.SequenceEqual(other.Uncovered)
        && LastRunAt == other.LastRunAt
        && LastStatus == other.LastStatus
        && AlertCount == other.AlertCount
        && LateEvents == other.LateEvents;
}
