using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Vigil.Store;

public sealed partial class VigilStore
{
    private const string AlertColumns = "SELECT id, rule_id, severity, status, created, document FROM alerts";

    /// <summary>
    /// Stores <paramref name="alert"/> unless an alert with its id exists, and returns whether it was
    /// created. An existing alert is left unchanged, as Kibana drops alerts whose id it already holds.
    /// </summary>
    public bool TryAddAlert(StoredAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);

        using var connection = OpenConnection();
        return TryAddAlert(connection, null, alert);
    }

    /// <summary>Returns the alert with id <paramref name="id"/>, or <c>null</c>.</summary>
    public StoredAlert? FindAlert(string id)
    {
        ArgumentNullException.ThrowIfNull(id);

        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"{AlertColumns} WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadAlert(reader) : null;
    }

    /// <summary>Returns the alerts <paramref name="filter"/> selects, oldest first.</summary>
    public IReadOnlyList<StoredAlert> ListAlerts(AlertFilter filter) => [.. StreamAlerts(filter)];

    /// <summary>
    /// Reads the alerts <paramref name="filter"/> selects, oldest first, one at a time, so that a
    /// caller writing them out keeps one alert in memory rather than all of them. The connection
    /// stays open until the enumeration ends.
    /// </summary>
    public IEnumerable<StoredAlert> StreamAlerts(AlertFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);

        return Read();

        IEnumerable<StoredAlert> Read()
        {
            using var connection = OpenConnection();
            using var command = connection.CreateCommand();
            AlertListSql.Build(command, filter);

            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                yield return ReadAlert(reader);
            }
        }
    }

    /// <summary>
    /// Sets the workflow status of alert <paramref name="id"/>, in its column and in the document's
    /// <c>kibana.alert.workflow_status</c> and <c>kibana.alert.workflow_status_updated_at</c>.
    /// Returns <c>false</c> when no alert has that id.
    /// </summary>
    public bool SetAlertStatus(string id, AlertStatus status)
    {
        ArgumentNullException.ThrowIfNull(id);

        var text = AlertStatusText.Format(status);
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE alerts SET status = $status,
                document = json_set(document, '$."kibana.alert.workflow_status"', $status, '$."kibana.alert.workflow_status_updated_at"', $now)
            WHERE id = $id
            """;
        command.Parameters.AddWithValue("$status", text);
        command.Parameters.AddWithValue("$now", TimeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Inserts <paramref name="alert"/> if absent, inside the caller's transaction, and returns whether it was created.</summary>
    internal static bool TryAddAlert(SqliteConnection connection, SqliteTransaction? transaction, StoredAlert alert)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO alerts (id, rule_id, severity, status, created, document)
            VALUES ($id, $rule, $severity, $status, $created, $document)
            ON CONFLICT (id) DO NOTHING
            """;
        command.Parameters.AddWithValue("$id", alert.Id);
        command.Parameters.AddWithValue("$rule", alert.RuleId);
        command.Parameters.AddWithValue("$severity", alert.Severity);
        command.Parameters.AddWithValue("$status", AlertStatusText.Format(alert.Status));
        command.Parameters.AddWithValue("$created", StoreTime.ToMilliseconds(alert.Created));
        command.Parameters.AddWithValue("$document", alert.Document.ToJsonString());

        var created = command.ExecuteNonQuery() == 1;
        if (created)
        {
            StoreMetrics.AlertsCreated.Add(1);
        }

        return created;
    }

    private static StoredAlert ReadAlert(SqliteDataReader reader)
    {
        if (!AlertStatusText.TryParse(reader.GetString(3), out var status))
        {
            throw new StoreException($"Alert {reader.GetString(0)} has the unknown status '{reader.GetString(3)}'; set it with SetAlertStatus.");
        }

        return new StoredAlert(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            status,
            StoreTime.FromMilliseconds(reader.GetInt64(4)),
            StoredJson.ParseObject(reader.GetString(5)));
    }
}
