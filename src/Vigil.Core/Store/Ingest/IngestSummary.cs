namespace Vigil.Store;

/// <summary>
/// The counts of an ingest over several files. <see cref="Records"/> always equals
/// <see cref="Stored"/> + <see cref="Duplicates"/> + <see cref="Errors"/> + <see cref="Skipped"/>.
/// </summary>
public sealed class IngestSummary
{
    private readonly List<FileIngestResult> _files = [];
    private readonly Dictionary<string, long> _skippedByReason = new(StringComparer.Ordinal);

    /// <summary>Per-file results, in the order the files were read.</summary>
    public IReadOnlyList<FileIngestResult> Files => _files;

    /// <summary>Files in which this run read new data.</summary>
    public int FilesRead => _files.Count(f => f.ReadNewData);

    /// <summary>Files already fully ingested by an earlier run.</summary>
    public int FilesUnchanged => _files.Count(f => !f.ReadNewData && !f.Unreadable && !f.LeftToOtherProcess);

    /// <summary>
    /// Files already fully ingested that an earlier run skipped as not CloudTrail JSON and that gave
    /// no event (see <see cref="FileIngestResult.EarlierNotCloudTrailLocation"/>); part of <see cref="FilesUnchanged"/>.
    /// </summary>
    public int FilesUnchangedNotCloudTrail => _files.Count(f => f.EarlierNotCloudTrailLocation is not null);

    /// <summary>Files another process took over while this run read them (see <see cref="FileIngestResult.LeftToOtherProcess"/>).</summary>
    public int FilesLeftToOtherProcess => _files.Count(f => f.LeftToOtherProcess);

    /// <summary>Files that could not be opened; each counts one error.</summary>
    public int FilesUnreadable => _files.Count(f => f.Unreadable);

    /// <summary>
    /// Folders among the input that could not be listed, so their files were not read. A folder is
    /// not a file and gives no record, so it counts in neither <see cref="Files"/> nor <see cref="Records"/>.
    /// </summary>
    public int FoldersNotListed { get; internal set; }

    /// <summary>Items read: records, errors and skips.</summary>
    public long Records { get; private set; }

    /// <summary>Events written to the store.</summary>
    public long Stored { get; private set; }

    /// <summary>Records the store already held (same <c>eventID</c> and content).</summary>
    public long Duplicates { get; private set; }

    /// <summary>Input that could not be read as a record.</summary>
    public long Errors { get; private set; }

    /// <summary>Input that is not an event on purpose.</summary>
    public long Skipped { get; private set; }

    /// <summary>Stored events whose mapping reported an error; part of <see cref="Stored"/>.</summary>
    public long EventsWithMappingErrors { get; private set; }

    /// <summary>Skipped items by reason.</summary>
    public IReadOnlyDictionary<string, long> SkippedByReason => _skippedByReason;

    /// <summary>Wall-clock time of the ingest.</summary>
    public TimeSpan Elapsed { get; internal set; }

    /// <summary>Events stored per second of <see cref="Elapsed"/>.</summary>
    public double EventsPerSecond => Elapsed > TimeSpan.Zero ? Stored / Elapsed.TotalSeconds : 0;

    internal void Add(FileIngestResult file)
    {
        _files.Add(file);
        Records += file.Records;
        Stored += file.Stored;
        Duplicates += file.Duplicates;
        Errors += file.Errors;
        Skipped += file.Skipped;
        EventsWithMappingErrors += file.EventsWithMappingErrors;
        foreach (var (reason, count) in file.SkippedByReason)
        {
            _skippedByReason[reason] = _skippedByReason.GetValueOrDefault(reason) + count;
        }
    }
}
