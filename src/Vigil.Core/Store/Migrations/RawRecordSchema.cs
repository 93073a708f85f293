namespace Vigil.Store;

/// <summary>
/// Schema version 3: an event row may hold the raw CloudTrail record instead of its ECS document,
/// which is then mapped when the event is read. Rows stored before keep their documents.
/// </summary>
internal static class RawRecordSchema
{
    public static Migration Step { get; } = Migration.Sql(4, "raw CloudTrail records in events", Script);

    // With format 0, document is the ECS document as JSON text. With format 1, it is the raw
    // record's UTF-8 JSON as a BLOB, which SQLite keeps unchanged in a TEXT column.
    private const string Script = """
        ALTER TABLE events ADD COLUMN format INTEGER NOT NULL DEFAULT 0;
        """;
}
