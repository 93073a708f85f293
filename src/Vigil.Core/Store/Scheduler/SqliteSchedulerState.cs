using Microsoft.Data.Sqlite;
using Vigil.Detect.Rules;
using Vigil.Serve;

namespace Vigil.Store.Scheduler;

/// <summary>The scheduler's tables in the store's database; each call opens its own pooled connection.</summary>
internal sealed class SqliteSchedulerState(VigilStore store) : ISchedulerStateStore
{
    public IReadOnlyList<RegisteredRule> Rules()
    {
        using var connection = store.OpenConnection();
        return new RuleRegistryTable(connection).All();
    }

    public RegisteredRule Register(DetectionRule rule, string contentHash, IReadOnlyList<string> replaced)
    {
        using var connection = store.OpenConnection();
        return InTransaction(connection, () =>
        {
            var table = new RuleRegistryTable(connection);
            table.Remove(replaced.Where(uuid => uuid != rule.Uuid));
            return table.Register(rule, contentHash);
        });
    }

    public void SetEnabled(string ruleUuid, bool enabled)
    {
        using var connection = store.OpenConnection();
        new RuleRegistryTable(connection).SetEnabled(ruleUuid, enabled);
    }

    public RuleState LoadState(string ruleUuid)
    {
        using var connection = store.OpenConnection();
        return new RuleStateTable(connection).Load(ruleUuid);
    }

    /// <summary>
    /// Saves the state, its ledger and the log entries so they land together or not at all. BEGIN
    /// IMMEDIATE takes the write lock before the load, so the load reads the newest state and every
    /// other save waits for the commit.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="update"/> returned the state of another rule.</exception>
    public void Update(string ruleUuid, Func<RuleState, RuleState> update, IReadOnlyList<ExecutionLogEntry> entries)
    {
        using var connection = store.OpenConnection();
        InTransaction(connection, () =>
        {
            var table = new RuleStateTable(connection);
            var state = update(table.Load(ruleUuid));
            if (state.RuleUuid != ruleUuid)
            {
                throw new ArgumentException($"the update of rule {ruleUuid} returned the state of rule {state.RuleUuid}. Return the state it was given, or a state of the same rule.", nameof(update));
            }

            table.Save(state);
            var log = new ExecutionLogTable(connection);
            foreach (var entry in entries)
            {
                log.Append(entry);
            }

            return true;
        });
    }

    public IReadOnlyList<ExecutionLogEntry> ReadLog(string? ruleUuid, int limit)
    {
        using var connection = store.OpenConnection();
        return new ExecutionLogTable(connection).Read(ruleUuid, limit);
    }

    // A plain BEGIN IMMEDIATE keeps the table helpers' commands free of a transaction object.
    private static T InTransaction<T>(SqliteConnection connection, Func<T> work)
    {
        connection.Execute("BEGIN IMMEDIATE");
        try
        {
            var result = work();
            connection.Execute("COMMIT");
            return result;
        }
        catch
        {
            connection.Execute("ROLLBACK");
            throw;
        }
    }
}
