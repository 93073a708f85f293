using Microsoft.Data.Sqlite;

namespace Vigil.Store;

/// <summary>Inserts event rows with one prepared statement, skipping rows whose content hash the store already holds.</summary>
internal sealed class EventRowWriter : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter _dataStream;
    private readonly SqliteParameter _timestamp;
    private readonly SqliteParameter _ingested;
    private readonly SqliteParameter _eventId;
    private readonly SqliteParameter _provider;
    private readonly SqliteParameter _action;
    private readonly SqliteParameter _hash;
    private readonly SqliteParameter _document;
    private readonly SqliteParameter _format;

    public EventRowWriter(SqliteConnection connection)
    {
        _command = connection.CreateCommand();
        _command.CommandText = """
            INSERT INTO events (data_stream, timestamp, ingested, event_id, provider, action, content_hash, document, format)
            VALUES ($dataStream, $timestamp, $ingested, $eventId, $provider, $action, $hash, $document, $format)
            ON CONFLICT (ifnull(timestamp, -1), content_hash) DO NOTHING
            """;
        _dataStream = _command.Parameters.Add("$dataStream", SqliteType.Text);
        _timestamp = _command.Parameters.Add("$timestamp", SqliteType.Integer);
        _ingested = _command.Parameters.Add("$ingested", SqliteType.Integer);
        _eventId = _command.Parameters.Add("$eventId", SqliteType.Text);
        _provider = _command.Parameters.Add("$provider", SqliteType.Text);
        _action = _command.Parameters.Add("$action", SqliteType.Text);
        _hash = _command.Parameters.Add("$hash", SqliteType.Blob);

        // No fixed type: a string binds as TEXT and a raw record's byte[] as a BLOB.
        _document = _command.Parameters.AddWithValue("$document", DBNull.Value);
        _format = _command.Parameters.Add("$format", SqliteType.Integer);
    }

    /// <summary>Inserts <paramref name="row"/> in <paramref name="transaction"/>; returns <c>false</c> when it is a duplicate.</summary>
    public bool TryInsert(SqliteTransaction transaction, EventRow row)
    {
        _command.Transaction = transaction;
        _dataStream.Value = row.DataStream;
        _timestamp.Value = row.Timestamp is { } timestamp ? timestamp : DBNull.Value;
        _ingested.Value = row.Ingested;
        _eventId.Value = (object?)row.EventId ?? DBNull.Value;
        _provider.Value = (object?)row.Provider ?? DBNull.Value;
        _action.Value = (object?)row.Action ?? DBNull.Value;
        _hash.Value = (object?)row.ContentHash ?? DBNull.Value;
        _document.Value = row.Document;
        _format.Value = (int)row.Format;
        return _command.ExecuteNonQuery() == 1;
    }

    public void Dispose() => _command.Dispose();
}
