using Vigil.Read;

namespace Vigil.Store;

/// <summary>Settings of an <see cref="EventIngester"/>.</summary>
public sealed record IngestOptions
{
    /// <summary>
    /// The default number of items read per transaction. Each commit writes the last, partly filled
    /// page of the table and of each index to the WAL again. On 225,091 generated records, 10,000
    /// items per commit wrote 4 % fewer bytes than 2,000 and cost about 0.5 µs less CPU per event,
    /// a gain near the noise of a shared machine. A batch keeps the write lock for about 0.2 s at
    /// 50,000 events/s.
    /// </summary>
    public const int DefaultBatchSize = 10_000;

    /// <summary>
    /// Items (records, errors and skips) read per transaction. Each transaction commits its events
    /// with the file's checkpoint, so a killed ingest repeats at most one batch, and stores nothing twice.
    /// </summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>
    /// Called for every error item and every record stored with a mapping error (its
    /// <see cref="ReadItem.Reason"/> gives the reason), so the caller can name them.
    /// </summary>
    public Action<ReadItem>? ProblemFound { get; init; }

    /// <summary>
    /// Called for every skipped item (its <see cref="ReadItem.Reason"/> gives the reason), so the
    /// caller can name a file skipped as not CloudTrail JSON.
    /// </summary>
    public Action<ReadItem>? ItemSkipped { get; init; }

    /// <summary>
    /// Called with a file's path when another process advanced its checkpoint while this ingest
    /// read it, so this ingest left the rest of the file to that process.
    /// </summary>
    public Action<string>? FileLeft { get; init; }

    /// <summary>
    /// Called once, before any file is read, for each input folder that could not be listed. Its
    /// files are not read, and it counts in <see cref="IngestSummary.FoldersNotListed"/> only.
    /// </summary>
    public Action<UnlistedFolder>? FolderNotListed { get; init; }
}
