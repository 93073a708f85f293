namespace Vigil.Serve;

/// <summary>Settings of a <see cref="RuleScheduler"/>.</summary>
public sealed record SchedulerOptions
{
    /// <summary>How long events are kept; ranges older than this are never backfilled. Defaults to 30 days.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Whether ranges the coverage ledger shows as never searched are searched after each scheduled
    /// run, in interval-sized chunks. Defaults to true; Kibana has no such step.
    /// </summary>
    public bool BackfillUncovered { get; init; } = true;

    /// <summary>
    /// Whether events stored after their <c>@timestamp</c> range was searched are evaluated at the
    /// next run. Defaults to true. Kibana never evaluates them.
    /// </summary>
    public bool EvaluateLateEvents { get; init; } = true;

    /// <summary>
    /// The maximum number of backfill chunks one rule searches per scheduled run, so a long outage is caught up
    /// over several runs instead of delaying every other rule. Defaults to 288 (one day of 5-minute chunks).
    /// </summary>
    public int MaxBackfillChunksPerRun { get; init; } = 288;

    /// <summary>
    /// The number of windows after which a manual run saves their execution log entries and the
    /// rule's state, in one transaction. Defaults to 1,000.
    /// </summary>
    public int ManualRunSaveWindows { get; init; } = 1_000;

    /// <summary>
    /// The time on the scheduler's clock after which a manual run saves the windows it searched. It
    /// is checked after each window, so a crash loses little more than this much work. Defaults to 5 seconds.
    /// </summary>
    public TimeSpan ManualRunSaveInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Kibana's behaviour: no backfill and no late-event evaluation.</summary>
    public static SchedulerOptions KibanaParity { get; } = new() { BackfillUncovered = false, EvaluateLateEvents = false };
}
