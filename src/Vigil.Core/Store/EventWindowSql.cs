using Microsoft.Data.Sqlite;

namespace Vigil.Store;

/// <summary>Builds the SQL of a window query so that SQLite reads only candidate rows through an index.</summary>
internal static class EventWindowSql
{
    public const string Columns = "SELECT id, data_stream, timestamp, ingested, event_id, document, format FROM events";

    /// <summary>Fills <paramref name="command"/> with the query for <paramref name="window"/>, oldest first.</summary>
    public static void Build(SqliteCommand command, EventWindow window)
    {
        command.Parameters.AddWithValue("$from", StoreTime.ToMillisecondsCeiling(window.From));
        command.Parameters.AddWithValue("$to", StoreTime.ToMilliseconds(window.To));

        var conditions = new List<string> { TimeCondition(window) };
        AddValueSet(command, conditions, "action", "$action", window.Actions);
        AddValueSet(command, conditions, "provider", "$provider", window.Providers);

        command.CommandText = $"{Columns} WHERE {string.Join(" AND ", conditions)} ORDER BY {Order(window)}";
    }

    private static string TimeCondition(EventWindow window) => (window.TimeField, window.FallbackToTimestamp) switch
    {
        (EventTimeField.Timestamp, _) => "timestamp BETWEEN $from AND $to",
        (_, false) => "ingested BETWEEN $from AND $to",

        // Kibana's fallback: the override is in range, or it is missing and @timestamp is in range.
        _ => "(ingested BETWEEN $from AND $to OR (ingested IS NULL AND timestamp BETWEEN $from AND $to))",
    };

    // Kibana sorts by the primary time field ascending with missing values last, then @timestamp.
    private static string Order(EventWindow window) => window.TimeField == EventTimeField.Timestamp
        ? "timestamp, id"
        : "ingested IS NULL, ingested, timestamp, id";

    private static void AddValueSet(SqliteCommand command, List<string> conditions, string column, string prefix, IReadOnlySet<string>? values)
    {
        if (values is null)
        {
            return;
        }

        if (values.Count == 0)
        {
            conditions.Add("0");
            return;
        }

        var names = new List<string>();
        foreach (var value in values.Order(StringComparer.Ordinal))
        {
            var name = prefix + names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(name, value);
            names.Add(name);
        }

        conditions.Add($"{column} IN ({string.Join(", ", names)})");
    }
}
