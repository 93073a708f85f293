using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Vigil.Map;

namespace Vigil.Store;

public sealed partial class VigilStore
{
    /// <summary>
    /// Streams the events in <paramref name="window"/>, oldest first on its time field. Rows are read
    /// as the caller enumerates, so memory stays flat; dispose the enumerator (or finish the loop) to
    /// release the read snapshot.
    /// </summary>
    public IEnumerable<StoredEvent> ReadEvents(EventWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);

        return ReadEventRows(command => EventWindowSql.Build(command, window));
    }

    /// <summary>
    /// Streams the events stored after the event with <see cref="StoredEvent.Sequence"/>
    /// <paramref name="afterSequence"/>, in the order they were committed. Sequences grow in commit
    /// order, so a caller that remembers the last one it saw never misses an event committed later,
    /// which a range of <c>event.ingested</c> times cannot promise while a batch is being committed.
    /// </summary>
    public IEnumerable<StoredEvent> ReadEventsAfter(long afterSequence)
    {
        return ReadEventRows(command =>
        {
            command.CommandText = $"{EventWindowSql.Columns} WHERE id > $after ORDER BY id";
            command.Parameters.AddWithValue("$after", afterSequence);
        });
    }

    /// <summary>Returns the <see cref="StoredEvent.Sequence"/> of the last event committed, or 0 when none was ever stored.</summary>
    public long LatestSequence()
    {
        using var connection = OpenConnection();

        // sqlite_sequence keeps the largest id ever used, even after retention deleted that row.
        return StoreCommands.Scalar(connection, null, "SELECT seq FROM sqlite_sequence WHERE name = 'events'") is long sequence ? sequence : 0;
    }

    /// <summary>Returns the number of events stored.</summary>
    public long CountEvents()
    {
        using var connection = OpenConnection();
        return (long)StoreCommands.Scalar(connection, null, "SELECT count(*) FROM events")!;
    }

    /// <summary>
    /// Deletes the events whose <c>event.ingested</c> is more than <paramref name="retention"/> before
    /// now, and returns how many were deleted. Alerts are kept. A deletion that removes rows records
    /// its cutoff and the latest <c>@timestamp</c> it deleted in <c>event_retention</c>, in the same
    /// transaction, so <see cref="ReadRetentionCutoff"/> never lags behind what was deleted.
    /// </summary>
    public long DeleteExpiredEvents(TimeSpan retention)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retention, TimeSpan.Zero);

        var cutoff = NowMilliseconds() - (long)retention.TotalMilliseconds;
        using var connection = OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: false);
        var maxTimestamp = ExpiringScalar(connection, transaction, "SELECT max(timestamp) FROM events WHERE ingested < $cutoff", cutoff);
        var deleted = Convert.ToInt64(ExpiringScalar(connection, transaction, "DELETE FROM events WHERE ingested < $cutoff; SELECT changes()", cutoff), System.Globalization.CultureInfo.InvariantCulture);
        if (deleted > 0)
        {
            RecordRetentionCutoff(connection, transaction, cutoff, maxTimestamp as long?);
        }

        transaction.Commit();
        StoreMetrics.EventsExpired.Add(deleted);
        return deleted;
    }

    /// <summary>Returns how far retention has deleted events, or null when it never deleted one.</summary>
    public RetentionCutoff? ReadRetentionCutoff()
    {
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT ingested_before, max_timestamp FROM event_retention WHERE id = 1";
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new RetentionCutoff(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1));
    }

    private static object? ExpiringScalar(SqliteConnection connection, SqliteTransaction transaction, string sql, long cutoff)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$cutoff", cutoff);
        return command.ExecuteScalar();
    }

    /// <summary>
    /// Moves the recorded cutoff and latest deleted <c>@timestamp</c> forward, never back, so a
    /// process with a longer retention or a clock set back never hides an earlier deletion.
    /// </summary>
    private static void RecordRetentionCutoff(SqliteConnection connection, SqliteTransaction transaction, long cutoff, long? maxTimestamp)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;

        // SQLite's max() of a NULL argument is NULL, so each side falls back to the other.
        command.CommandText = """
            INSERT INTO event_retention (id, ingested_before, max_timestamp) VALUES (1, $cutoff, $timestamp)
            ON CONFLICT (id) DO UPDATE SET
                ingested_before = max(ingested_before, excluded.ingested_before),
                max_timestamp = max(coalesce(max_timestamp, excluded.max_timestamp), coalesce(excluded.max_timestamp, max_timestamp))
            """;
        command.Parameters.AddWithValue("$cutoff", cutoff);
        command.Parameters.AddWithValue("$timestamp", maxTimestamp is { } timestamp ? timestamp : DBNull.Value);
        command.ExecuteNonQuery();
    }

    private IEnumerable<StoredEvent> ReadEventRows(Action<SqliteCommand> build)
    {
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        build(command);

        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return ReadEvent(reader);
        }
    }

    /// <summary>Reads the event of a row selected with <see cref="EventWindowSql.Columns"/>, mapping a raw record.</summary>
    internal static StoredEvent ReadEvent(SqliteDataReader reader)
    {
        var ingested = OptionalTime(reader, 3);
        var document = (StoredDocumentFormat)reader.GetInt32(6) == StoredDocumentFormat.CloudTrailRecord
            ? LazyMapping.Map(reader.GetFieldValue<byte[]>(5), ingested)
            : new EcsDocument(StoredJson.ParseObject(reader.GetString(5)), reader.GetString(1));
        return new StoredEvent(
            reader.GetInt64(0),
            OptionalTime(reader, 2),
            ingested,
            reader.IsDBNull(4) ? null : reader.GetString(4),
            document);
    }

    private static DateTimeOffset? OptionalTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : StoreTime.FromMilliseconds(reader.GetInt64(ordinal));
}
