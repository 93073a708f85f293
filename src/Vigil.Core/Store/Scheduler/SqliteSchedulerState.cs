using Microsoft.Data.Sqlite;
using Vigil.Detect.Rules;
using Vigil.Serve;

namespace Vigil.Store.Scheduler;

/// <summary>The scheduler's tables in the store's SQLite database.</summary>
internal sealed class SqliteSchedulerState(SqliteConnection connection) : ISchedulerStateStore
{
    private readonly RuleRegistryTable _rules = new(connection);
    private readonly RuleStateTable _states = new(connection);
    private readonly ExecutionLogTable _log = new(connection);

    public IReadOnlyList<RegisteredRule> Rules() => _rules.All();

    public RegisteredRule Register(DetectionRule rule, string contentHash) => _rules.Register(rule, contentHash);

    public void SetEnabled(string ruleUuid, bool enabled) => _rules.SetEnabled(ruleUuid, enabled);

    public RuleState LoadState(string ruleUuid) => _states.Load(ruleUuid);

    public void Save(RuleState state, IReadOnlyList<ExecutionLogEntry> entries)
    {
        // A plain BEGIN keeps the helpers' commands free of a transaction object; the state, its
        // ledger and the log entries land together or not at all.
        connection.Execute("BEGIN IMMEDIATE");
        try
        {
            _states.Save(state);
            foreach (var entry in entries)
            {
                _log.Append(entry);
            }

            connection.Execute("COMMIT");
        }
        catch
        {
            connection.Execute("ROLLBACK");
            throw;
        }
    }

    public IReadOnlyList<ExecutionLogEntry> ReadLog(string? ruleUuid, int limit) => _log.Read(ruleUuid, limit);
}
