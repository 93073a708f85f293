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
    /// now, and returns how many were deleted. Alerts are kept.
    /// </summary>
    public long DeleteExpiredEvents(TimeSpan retention)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retention, TimeSpan.Zero);

        var cutoff = NowMilliseconds() - (long)retention.TotalMilliseconds;
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM events WHERE ingested < $cutoff";
        command.Parameters.AddWithValue("$cutoff", cutoff);
        var deleted = command.ExecuteNonQuery();
        StoreMetrics.EventsExpired.Add(deleted);
        return deleted;
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
