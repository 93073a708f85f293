namespace Vigil.Store;

/// <summary>
/// Schema version 7: the <c>event_retention</c> row, which records how far retention has deleted
/// events, so that every process that searches the store can tell which ranges may have lost events,
/// whatever retention the deleting process applied.
/// </summary>
/// <remarks>
/// A store at version 6 whose retention already deleted events (the largest row id ever used is
/// above the number of rows, and only retention deletes event rows) gets a bound that covers every
/// deleted event: the earliest <c>event.ingested</c> still stored, or the upgrade time when no event
/// remains. NOTE: the deleted events' <c>@timestamp</c> values are unknown then, so the step assumes
/// they were not later than that bound, as CloudTrail's eventTime precedes delivery.
/// </remarks>
internal static class RetentionCutoffSchema
{
    public static Migration Step { get; } = Migration.Sql(7, "event retention cutoff", Script);

    // The single row has id 1. julianday('now') gives the upgrade time in days since the Julian
    // epoch, and 2440587.5 is the Unix epoch in those days.
    private const string Script = """
        CREATE TABLE event_retention (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            ingested_before INTEGER NOT NULL,
            max_timestamp INTEGER
        );
        INSERT INTO event_retention (id, ingested_before, max_timestamp)
            SELECT 1, bound, bound FROM (
                SELECT coalesce(
                    (SELECT min(ingested) FROM events),
                    CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) AS bound)
            WHERE (SELECT seq FROM sqlite_sequence WHERE name = 'events') > (SELECT count(*) FROM events);
        """;
}
