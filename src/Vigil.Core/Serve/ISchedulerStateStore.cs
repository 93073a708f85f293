using Vigil.Detect.Rules;

namespace Vigil.Serve;

/// <summary>The scheduler's tables: rule registry, per-rule state, coverage ledger and execution log.</summary>
internal interface ISchedulerStateStore
{
    IReadOnlyList<RegisteredRule> Rules();

    /// <summary>
    /// Adds the rule, or updates it and raises its revision when its content changed, keeping its
    /// enabled flag. Removes the registrations <paramref name="replaced"/> names in the same transaction.
    /// </summary>
    RegisteredRule Register(DetectionRule rule, string contentHash, IReadOnlyList<string> replaced);

    void SetEnabled(string ruleUuid, bool enabled);

    /// <summary>Returns the saved state of the rule, or a fresh state when it never ran.</summary>
    RuleState LoadState(string ruleUuid);

    /// <summary>
    /// Loads the rule's state, saves the state <paramref name="update"/> returns for it and appends
    /// the log entries, all in one write transaction, so no other save can commit between the load
    /// and the save.
    /// </summary>
    void Update(string ruleUuid, Func<RuleState, RuleState> update, IReadOnlyList<ExecutionLogEntry> entries);

    /// <summary>Returns the newest <paramref name="limit"/> log entries, newest first, of one rule or of all.</summary>
    IReadOnlyList<ExecutionLogEntry> ReadLog(string? ruleUuid, int limit);
}
