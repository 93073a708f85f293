namespace Vigil.Store;

/// <summary>
/// The counts of one file's ingest in this run. <see cref="Records"/> always equals
/// <see cref="Stored"/> + <see cref="Duplicates"/> + <see cref="Errors"/> + <see cref="Skipped"/>.
/// </summary>
public sealed class FileIngestResult
{
    private readonly Dictionary<string, long> _skippedByReason = new(StringComparer.Ordinal);

    internal FileIngestResult(string path)
    {
        Path = path;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>Items read in this run: records, errors and skips (items read before a resume are not counted again).</summary>
    public long Records { get; internal set; }

    /// <summary>Events written to the store.</summary>
    public long Stored { get; internal set; }

    /// <summary>Records not stored because the store contains the same <c>eventID</c> with the same content.</summary>
    public long Duplicates { get; internal set; }

    /// <summary>Input that could not be read as a record.</summary>
    public long Errors { get; internal set; }

    /// <summary>Input that is not an event on purpose (digest files, empty files).</summary>
    public long Skipped { get; internal set; }

    /// <summary>Stored events whose mapping reported an error (<c>event.kind: pipeline_error</c>); part of <see cref="Stored"/>.</summary>
    public long EventsWithMappingErrors { get; internal set; }

    /// <summary>
    /// Stored events with neither <c>eventName</c> nor <c>eventTime</c>, probably not CloudTrail
    /// records; part of <see cref="Stored"/>. They are stored as Elastic would index them.
    /// </summary>
    public long EventsWithoutCloudTrailFields { get; internal set; }

    /// <summary>Whether the file could not be opened (gone, a link to nothing, no permission); its one error gives the reason.</summary>
    public bool Unreadable { get; internal set; }

    /// <summary>
    /// Whether another process moved the file's checkpoint while this run read it. This run then
    /// rolled back its last batch and left the rest of the file, records and counts, to that process.
    /// </summary>
    public bool LeftToOtherProcess { get; internal set; }

    /// <summary>Whether this run read new data; <c>false</c> when the checkpoint showed the file already done.</summary>
    public bool ReadNewData { get; internal set; }

    /// <summary>
    /// For a file this run found already ingested, the location at which an earlier run skipped its
    /// data as not CloudTrail JSON, such as <c>byte 0, starting '127.0.0.1 - - [0'</c>, when the file
    /// has given no event; otherwise <c>null</c>. Files ingested before schema version 9 have none.
    /// </summary>
    public string? EarlierNotCloudTrailLocation { get; internal set; }

    /// <summary>Whether new bytes that may be unfinished (text ending mid-line, gzip data ending inside a member) were left unread for a later ingest.</summary>
    internal bool TailHeld { get; set; }

    /// <summary>Skipped items by reason.</summary>
    public IReadOnlyDictionary<string, long> SkippedByReason => _skippedByReason;

    internal void Add(FileIngestResult batch)
    {
        Records += batch.Records;
        Stored += batch.Stored;
        Duplicates += batch.Duplicates;
        Errors += batch.Errors;
        EventsWithMappingErrors += batch.EventsWithMappingErrors;
        EventsWithoutCloudTrailFields += batch.EventsWithoutCloudTrailFields;
        foreach (var (reason, count) in batch.SkippedByReason)
        {
            Skipped += count;
            _skippedByReason[reason] = _skippedByReason.GetValueOrDefault(reason) + count;
        }
    }

    internal void CountSkip(string reason)
    {
        Skipped++;
        _skippedByReason[reason] = _skippedByReason.GetValueOrDefault(reason) + 1;
    }
}
