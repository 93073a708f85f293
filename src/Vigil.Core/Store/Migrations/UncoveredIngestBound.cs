namespace Vigil.Store;

/// <summary>
/// Schema version 8: gives each <c>max_signals</c> row of <c>rule_uncovered</c> the earliest
/// <c>event.ingested</c> of its matches without an alert. Retention deletes by
/// <c>event.ingested</c>, so while the recorded cutoff is not later than that time, every one of
/// those matches is still stored and a later search that finds them alerted may clear the range.
/// </summary>
/// <remarks>
/// Rows stored before this step keep <c>NULL</c>, because the search that created them did not
/// record when their matches were stored. They are cleared only where the recorded cutoff shows
/// that retention deleted no event of the range, as at version 7.
/// </remarks>
internal static class UncoveredIngestBound
{
    public static Migration Step { get; } = Migration.Sql(8, "earliest ingest time of uncovered matches", Script);

    private const string Script = """
        ALTER TABLE rule_uncovered ADD COLUMN not_alerted_min_ingested INTEGER;
        """;
}
