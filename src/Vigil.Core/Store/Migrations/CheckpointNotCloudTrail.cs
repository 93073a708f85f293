namespace Vigil.Store;

/// <summary>
/// Schema version 9: gives each ingest checkpoint the location where its file's data was skipped as
/// not CloudTrail JSON, kept while the file has given no event. An ingest run again over such a file
/// names it and fails as the first run did, where it would otherwise count the file as already
/// ingested and succeed.
/// </summary>
/// <remarks>
/// Rows stored before this step keep <c>NULL</c>, because the ingest that wrote them did not record
/// the skip, so their files count as already ingested, as at version 8.
/// </remarks>
internal static class CheckpointNotCloudTrail
{
    public static Migration Step { get; } = Migration.Sql(9, "location of a file skipped as not CloudTrail JSON", Script);

    private const string Script = """
        ALTER TABLE ingest_checkpoints ADD COLUMN not_cloudtrail TEXT;
        """;
}
