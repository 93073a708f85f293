using Microsoft.Data.Sqlite;
using Vigil.Detect.Rules;
using Vigil.Serve;

namespace Vigil.Tests.Serve;

/// <summary>The scheduler tables, with saves of one rule made to fail as a broken disk would.</summary>
internal sealed class FaultyState(ISchedulerStateStore inner) : ISchedulerStateStore
{
    public string? FailingRuleUuid { get; set; }

    /// <summary>Called before a save's transaction begins.</summary>
    public Action? BeforeSave { get; set; }

    /// <summary>Called inside a save's transaction, after the state is loaded and before it is written.</summary>
    public Action? Saving { get; set; }

    public IReadOnlyList<RegisteredRule> Rules() => inner.Rules();

    public RegisteredRule Register(DetectionRule rule, string contentHash, IReadOnlyList<string> replaced) => inner.Register(rule, contentHash, replaced);

    public void SetEnabled(string ruleUuid, bool enabled) => inner.SetEnabled(ruleUuid, enabled);

    public RuleState LoadState(string ruleUuid) => inner.LoadState(ruleUuid);

    public void Update(string ruleUuid, Func<RuleState, RuleState> update, IReadOnlyList<ExecutionLogEntry> entries)
    {
        if (ruleUuid == FailingRuleUuid)
        {
            throw new SqliteException("injected disk I/O error", 10);
        }

        BeforeSave?.Invoke();
        inner.Update(ruleUuid, current =>
        {
            var state = update(current);
            Saving?.Invoke();
            return state;
        }, entries);
    }

    public IReadOnlyList<ExecutionLogEntry> ReadLog(string? ruleUuid, int limit) => inner.ReadLog(ruleUuid, limit);
}
