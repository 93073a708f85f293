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
}
