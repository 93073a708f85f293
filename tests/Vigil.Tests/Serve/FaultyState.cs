using Microsoft.Data.Sqlite;
using Vigil.Detect.Rules;
using Vigil.Serve;

namespace Vigil.Tests.Serve;

/// <summary>The scheduler tables, with saves of one rule made to fail as a broken disk would.</summary>
internal sealed class FaultyState(ISchedulerStateStore inner) : ISchedulerStateStore
{
    public string? FailingRuleUuid { get; set; }

    public IReadOnlyList<RegisteredRule> Rules() => inner.Rules();

    public RegisteredRule Register(DetectionRule rule, string contentHash) => inner.Register(rule, contentHash);

    public void SetEnabled(string ruleUuid, bool enabled) => inner.SetEnabled(ruleUuid, enabled);

    public RuleState LoadState(string ruleUuid) => inner.LoadState(ruleUuid);

    public void Save(RuleState state, IReadOnlyList<ExecutionLogEntry> entries)
    {
        if (state.RuleUuid == FailingRuleUuid)
        {
            throw new SqliteException("injected disk I/O error", 10);
        }

        inner.Save(state, entries);
    }

    public IReadOnlyList<ExecutionLogEntry> ReadLog(string? ruleUuid, int limit) => inner.ReadLog(ruleUuid, limit);
}
