namespace Vigil.Store;

/// <summary>
/// Schema version 1: events, alerts and ingest checkpoints. Times are Unix epoch milliseconds.
/// docs/store.md describes every column.
/// </summary>
internal static class EventsAlertsCheckpointsSchema
{
    public static Migration Step { get; } = Migration.Sql(1, "events, alerts and ingest checkpoints", Script);

    // events.content_hash is the XXH128 of the raw CloudTrail record in canonical form, NULL for a
    // record without an eventID (never a duplicate); UNIQUE allows any number of NULLs.
    // AUTOINCREMENT keeps ids increasing in commit order even after retention deletes rows, so
    // "events after id N" finds every event committed since a reader saw id N.
    // The (action, timestamp) and (provider, timestamp) indexes let a window query that a rule
    // constrains to a few actions or providers read only those rows, already in time order.
    private const string Script = """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            data_stream TEXT NOT NULL,
            timestamp INTEGER,
            ingested INTEGER,
            event_id TEXT,
            provider TEXT,
            action TEXT,
            content_hash BLOB UNIQUE,
            document TEXT NOT NULL
        );
        CREATE INDEX events_timestamp ON events (timestamp);
        CREATE INDEX events_ingested ON events (ingested);
        CREATE INDEX events_action_timestamp ON events (action, timestamp);
        CREATE INDEX events_provider_timestamp ON events (provider, timestamp);

        CREATE TABLE alerts (
            id TEXT PRIMARY KEY,
            rule_id TEXT NOT NULL,
            severity TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('open', 'acknowledged', 'closed')),
            created INTEGER NOT NULL,
            document TEXT NOT NULL
        );
        CREATE INDEX alerts_created ON alerts (created);
        CREATE INDEX alerts_rule_created ON alerts (rule_id, created);

        CREATE TABLE ingest_checkpoints (
            path TEXT PRIMARY KEY,
            segment_start INTEGER NOT NULL,
            segment_end INTEGER NOT NULL,
            items_done INTEGER NOT NULL,
            complete INTEGER NOT NULL,
            fingerprint BLOB NOT NULL,
            updated INTEGER NOT NULL
        );
        """;
}
