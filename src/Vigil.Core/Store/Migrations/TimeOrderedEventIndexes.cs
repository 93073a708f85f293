namespace Vigil.Store;

/// <summary>
/// Schema version 5: rebuilds <c>events</c> with three indexes that ingest fills mostly in time
/// order, in place of six candidate indexes and the unique index on <c>content_hash</c> alone.
/// </summary>
/// <remarks>
/// <para>
/// The duplicate key becomes <c>(ifnull(timestamp, -1), content_hash)</c>. Records with the same
/// canonical content have the same <c>eventTime</c>, so they have the same <c>timestamp</c>, and
/// the key finds the same duplicates as the hash alone. The -1 replaces a missing time, because
/// <c>UNIQUE</c> treats <c>NULL</c> values as distinct. A hash alone is random, so every batch
/// wrote to nearly every page of its index. Inserts in time order write to a few pages at its end.
/// </para>
/// <para>
/// <c>(timestamp, action, provider)</c> and <c>(ingested, action, provider)</c> replace the six
/// indexes on one time column with or without <c>action</c> or <c>provider</c>. A window query reads
/// the window's index range and tests the candidate values in the index, before it reads a row.
/// </para>
/// <para>
/// A <c>UNIQUE</c> column constraint cannot be dropped, so the table is copied. NOTE: the old
/// table's pages stay in the file as free pages, which later inserts reuse; the file shrinks only
/// with a <c>VACUUM</c> run while no process uses the store.
/// </para>
/// </remarks>
internal static class TimeOrderedEventIndexes
{
    public static Migration Step { get; } = Migration.Sql(5, "time-ordered event indexes", Script);

    // sqlite_sequence keeps the largest id ever used (LatestSequence), which may belong to a row
    // that retention deleted, so it is copied rather than recomputed. DROP TABLE deletes the old
    // table's entry and the rename renames the new one.
    private const string Script = """
        CREATE TABLE events_v5 (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            data_stream TEXT NOT NULL,
            timestamp INTEGER,
            ingested INTEGER,
            event_id TEXT,
            provider TEXT,
            action TEXT,
            content_hash BLOB,
            document TEXT NOT NULL,
            format INTEGER NOT NULL DEFAULT 0
        );
        INSERT INTO events_v5 (id, data_stream, timestamp, ingested, event_id, provider, action, content_hash, document, format)
            SELECT id, data_stream, timestamp, ingested, event_id, provider, action, content_hash, document, format
            FROM events ORDER BY id;
        DELETE FROM sqlite_sequence WHERE name = 'events_v5';
        INSERT INTO sqlite_sequence (name, seq) SELECT 'events_v5', seq FROM sqlite_sequence WHERE name = 'events';
        DROP TABLE events;
        ALTER TABLE events_v5 RENAME TO events;

        CREATE UNIQUE INDEX events_content ON events (ifnull(timestamp, -1), content_hash);
        CREATE INDEX events_timestamp_candidates ON events (timestamp, action, provider);
        CREATE INDEX events_ingested_candidates ON events (ingested, action, provider);
        """;
}
