using System.Globalization;
using Microsoft.Data.Sqlite;
using Vigil.Store;

namespace Vigil.Serve;

/// <summary>Reads the scheduler's events from the store.</summary>
internal sealed class StoreEventSource(VigilStore store) : IScheduledEventSource
{
    public long LastSequence()
    {
        using var connection = store.OpenConnection();
        return (long)StoreCommands.Scalar(connection, null, "SELECT coalesce(max(id), 0) FROM events")!;
    }

    public IEnumerable<StoredEvent> ReadWindow(EventWindow window) => store.ReadEvents(window);

    public RetentionCutoff? ReadRetentionCutoff() => store.ReadRetentionCutoff();

    /// <summary>
    /// Reads the late candidates through the row-id primary key; SQLite applies the
    /// <c>@timestamp</c> and candidate-value filters before a document is parsed.
    /// </summary>
    public IEnumerable<StoredEvent> ReadLate(LateEventQuery query)
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        var conditions = new List<string> { "id > $after", "id <= $through", "timestamp <= $timestamp" };
        command.Parameters.AddWithValue("$after", query.AfterSequence);
        command.Parameters.AddWithValue("$through", query.ThroughSequence);
        command.Parameters.AddWithValue("$timestamp", query.TimestampThroughMs);
        AddValueSet(command, conditions, "action", query.Actions);
        AddValueSet(command, conditions, "provider", query.Providers);
        command.CommandText = $"{EventWindowSql.Columns} WHERE {string.Join(" AND ", conditions)} ORDER BY id";

        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return VigilStore.ReadEvent(reader);
        }
    }

    private static void AddValueSet(SqliteCommand command, List<string> conditions, string column, IReadOnlySet<string>? values)
    {
        if (values is null)
        {
            return;
        }

        var names = new List<string>();
        foreach (var value in values)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"${column}{names.Count}");
            command.Parameters.AddWithValue(name, value);
            names.Add(name);
        }

        conditions.Add(names.Count == 0 ? "0" : $"{column} IN ({string.Join(", ", names)})");
    }
}
