namespace Vigil.Serve;

/// <summary>The scheduler's view of one registered rule.</summary>
public sealed record RuleStatus
{
    /// <summary>The rule's saved-object id.</summary>
    public required string RuleUuid { get; init; }

    /// <summary>The rule's <c>rule_id</c>.</summary>
    public required string RuleId { get; init; }

    /// <summary>The rule name.</summary>
    public required string Name { get; init; }

    /// <summary>Whether the rule is scheduled.</summary>
    public required bool Enabled { get; init; }

    /// <summary>The rule's <c>version</c>.</summary>
    public int Version { get; init; }

    /// <summary>How many times the registered content of the rule changed, starting at 0.</summary>
    public int Revision { get; init; }

    /// <summary>The file the rule was loaded from, when known.</summary>
    public string? SourceFile { get; init; }

    /// <summary>Why the scheduler cannot run the rule; null when it can.</summary>
    public string? NotRunnableReason { get; init; }

    /// <summary>The start of the last execution of any kind.</summary>
    public DateTimeOffset? LastRunAt { get; init; }

    /// <summary>The status of that execution.</summary>
    public string? LastStatus { get; init; }

    /// <summary>
    /// When the next scheduled run is due. Null for a disabled or unrunnable rule, and for a rule
    /// that has not run since it was registered or enabled: a scheduler that loaded it runs it at
    /// its next <see cref="RuleScheduler.RunDue"/>.
    /// </summary>
    public DateTimeOffset? NextRunAt { get; init; }

    /// <summary>
    /// The alerts stored for the rule's <c>rule_id</c>, or, where the store registers that
    /// <c>rule_id</c> several times, for this registration's saved-object id alone.
    /// </summary>
    public long AlertCount { get; init; }

    /// <summary>The late events the rule has evaluated.</summary>
    public long LateEvents { get; init; }

    /// <summary>Ranges not fully searched or alerted on, oldest first.</summary>
    public IReadOnlyList<UncoveredRange> Uncovered { get; init; } = [];
}
