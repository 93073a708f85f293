using Vigil.Read;

namespace Vigil.Store;

/// <summary>Settings of an <see cref="EventIngester"/>.</summary>
public sealed record IngestOptions
{
    /// <summary>The default number of items read per transaction.</summary>
    public const int DefaultBatchSize = 2000;

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
}
