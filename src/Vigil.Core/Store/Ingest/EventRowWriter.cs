using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Vigil.Store;

/// <summary>
/// Inserts event rows with one prepared statement, skipping rows whose duplicate key
/// (<c>ifnull(timestamp, -1), content_hash</c>) the store already contains.
/// </summary>
/// <remarks>
/// The statement is prepared and bound through SQLitePCLRaw, below <c>SqliteCommand</c>, whose
/// every execution looks parameters up by name, infers each value's type and creates a data
/// reader. It runs in the transaction open on the connection, so the caller begins one first.
/// Dispose the writer before the connection.
/// </remarks>
internal sealed class EventRowWriter : IDisposable
{
    private const string Sql = """
        INSERT INTO events (data_stream, timestamp, ingested, event_id, provider, action, content_hash, document, format)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
        ON CONFLICT (ifnull(timestamp, -1), content_hash) DO NOTHING
        """;

    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    public EventRowWriter(SqliteConnection connection)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("The connection is not open; open it before creating an EventRowWriter.");
        Check(raw.sqlite3_prepare_v2(_database, Sql, out _statement));
    }

    /// <summary>
    /// Inserts <paramref name="row"/> and returns <c>false</c> when it is a duplicate. A row without a
    /// <see cref="EventRow.Document"/> stores <paramref name="rawRecord"/>, a raw record's UTF-8
    /// bytes, which SQLite copies while binding.
    /// </summary>
    /// <exception cref="SqliteException">SQLite rejected the row or could not write it.</exception>
    public bool TryInsert(EventRow row, ReadOnlySpan<byte> rawRecord = default)
    {
        Check(BindText(1, row.DataStream));
        Check(BindInteger(2, row.Timestamp));
        Check(raw.sqlite3_bind_int64(_statement, 3, row.Ingested));
        Check(BindText(4, row.EventId));
        Check(BindText(5, row.Provider));
        Check(BindText(6, row.Action));
        Check(BindHash(7, row.ContentHash));
        Check(BindDocument(8, row.Document, rawRecord));
        Check(raw.sqlite3_bind_int(_statement, 9, (int)row.Format));

        var result = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        Check(result == raw.SQLITE_DONE ? raw.SQLITE_OK : result);
        return raw.sqlite3_changes(_database) == 1;
    }

    public void Dispose() => _statement.Dispose();

    private int BindText(int index, string? text) =>
        text is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text16(_statement, index, text.AsSpan());

    // A string binds as TEXT and bytes as a BLOB, which SQLite keeps unchanged in the TEXT column.
    private int BindDocument(int index, object? document, ReadOnlySpan<byte> rawRecord) => document switch
    {
        string text => BindText(index, text),
        byte[] bytes => raw.sqlite3_bind_blob(_statement, index, bytes),
        _ => raw.sqlite3_bind_blob(_statement, index, rawRecord),
    };

    private int BindInteger(int index, long? value) =>
        value is { } number ? raw.sqlite3_bind_int64(_statement, index, number) : raw.sqlite3_bind_null(_statement, index);

    // Big-endian, the byte order of every stored hash since schema version 1.
    private int BindHash(int index, UInt128? hash)
    {
        if (hash is not { } value)
        {
            return raw.sqlite3_bind_null(_statement, index);
        }

        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return raw.sqlite3_bind_blob(_statement, index, bytes);
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, _database);
        }
    }
}
