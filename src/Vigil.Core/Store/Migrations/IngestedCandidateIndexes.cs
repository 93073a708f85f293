namespace Vigil.Store;

/// <summary>
/// Schema version 3: candidate indexes on <c>event.ingested</c>. A rule whose windows apply to
/// <c>event.ingested</c> (the built-in rule) and that names its actions or providers reads only
/// those rows of its window through them. With only the <c>(action, timestamp)</c> index, SQLite
/// read every stored row of the action and filtered on <c>ingested</c>: 190 ms against 2 ms for a
/// 6-minute window over 1 million events.
/// </summary>
internal static class IngestedCandidateIndexes
{
    public static Migration Step { get; } = Migration.Sql(3, "candidate indexes on event.ingested", Script);

    private const string Script = """
        CREATE INDEX events_action_ingested ON events (action, ingested);
        CREATE INDEX events_provider_ingested ON events (provider, ingested);
        """;
}
