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

    // The alerts table has no saved-object id column, so this reads each document of the rule_id.
    public long Count(string ruleId, string ruleUuid)
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT count(*) FROM alerts
            WHERE rule_id = $rule AND json_extract(document, '$."kibana.alert.rule.uuid"') = $uuid
            """;
        command.Parameters.AddWithValue("$rule", ruleId);
        command.Parameters.AddWithValue("$uuid", ruleUuid);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Stores the alert with its own severity, which the rule's <c>severity_mapping</c> may have set apart from the rule's.</summary>
    public bool Write(string alertId, DetectionRule rule, JsonObject alert)
    {
        var severity = alert["kibana.alert.severity"]?.GetValue<string>() ?? rule.Severity;
        return store.TryAddAlert(new StoredAlert(alertId, rule.RuleId, severity, AlertStatus.Open, store.TimeProvider.GetUtcNow(), alert));
    }
}
