using System.Text.Json.Nodes;
using Vigil.Detect.Rules;
using Vigil.Store;

namespace Vigil.Serve;

/// <summary>Writes the scheduler's alerts to the store, open and keyed by their deterministic id.</summary>
internal sealed class StoreAlertWriter(VigilStore store) : IAlertWriter
{
    public bool Exists(string alertId)
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM alerts WHERE id = $id";
        command.Parameters.AddWithValue("$id", alertId);
        return command.ExecuteScalar() is not null;
    }

    public long Count(string ruleId)
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM alerts WHERE rule_id = $rule";
        command.Parameters.AddWithValue("$rule", ruleId);
        return (long)command.ExecuteScalar()!;
    }

    public bool Write(string alertId, DetectionRule rule, JsonObject alert) =>
        store.TryAddAlert(new StoredAlert(alertId, rule.RuleId, rule.Severity, AlertStatus.Open, store.TimeProvider.GetUtcNow(), alert));
}
