using System.Diagnostics;
using Vigil.Read;

namespace Vigil.Store;

/// <summary>
/// Loads CloudTrail files into a <see cref="VigilStore"/>: everything <see cref="CloudTrailReader"/>
/// accepts, mapped to ECS, stamped with <c>event.ingested</c>, each record stored once.
/// </summary>
/// <remarks>
/// Each batch of items commits with the file's checkpoint in one transaction, so an ingest that is
/// killed resumes where it stopped, storing nothing twice and losing nothing. A file that grew since
/// it was ingested is read from where it ended (appended NDJSON lines, appended gzip members).
/// Records already in the store (the same <c>eventID</c> and content) are counted as duplicates.
/// Not thread-safe; use one instance per thread.
/// </remarks>
public sealed class EventIngester
{
    private readonly VigilStore _store;
    private readonly IngestOptions _options;
    private readonly CloudTrailReader _reader = new();

    /// <summary>Creates an ingester writing to <paramref name="store"/>.</summary>
    public EventIngester(VigilStore store, IngestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);

        _store = store;
        _options = options ?? new IngestOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.BatchSize, 1, nameof(options));
    }

    /// <summary>
    /// Ingests the files in <paramref name="paths"/> (directories recursively, without the store's
    /// own files when its data directory lies among them) and returns the counts of this run. Each
    /// folder that cannot be listed goes to <see cref="IngestOptions.FolderNotListed"/> and counts
    /// in <see cref="IngestSummary.FoldersNotListed"/>, not as a file with an error.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled; every committed batch stays, the rest is read next time.</exception>
    /// <exception cref="StoreFileReplacedException">The store's database file was deleted or replaced since the store opened it. Ingest checks this before each file and each batch commit.</exception>
    public IngestSummary Ingest(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);

        var stopwatch = Stopwatch.StartNew();
        var summary = new IngestSummary();
        var unlistedFolders = new List<UnlistedFolder>();
        var files = PathExpansion.Expand(paths, unlistedFolders);
        foreach (var folder in unlistedFolders)
        {
            _options.FolderNotListed?.Invoke(folder);
        }

        summary.FoldersNotListed = unlistedFolders.Count;

        foreach (var file in files.Where(file => !_store.Holds(file)))
        {
            summary.Add(IngestFile(file, cancellationToken));
        }

        summary.Elapsed = stopwatch.Elapsed;
        return summary;
    }

    /// <summary>
    /// Ingests what is new in the file at <paramref name="path"/>: all of it the first time, the
    /// rest of an interrupted run, or the bytes appended since. A missing or unreadable file is one
    /// counted error.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled; every committed batch stays.</exception>
    /// <exception cref="StoreFileReplacedException">The store's database file was deleted or replaced since the store opened it. Ingest checks this before the file and each batch commit.</exception>
    public FileIngestResult IngestFile(string path, CancellationToken cancellationToken = default) =>
        IngestFile(path, maxLength: null, holdPartialTail: false, cancellationToken);

    /// <summary>
    /// Ingests what is new in the file at <paramref name="path"/>, reading no byte at or past
    /// <paramref name="maxLength"/>. A watcher passes the length it saw settle, so bytes a writer
    /// is still appending wait for the next scan instead of being read cut. New text that ends
    /// mid-line (a writer flushed half a line) and new gzip data whose last member is not complete
    /// (a download in progress) are not read either. Read them with
    /// <see cref="IngestFile(string, CancellationToken)"/> once the file has stopped changing.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled; every committed batch stays.</exception>
    /// <exception cref="StoreFileReplacedException">The store's database file was deleted or replaced since the store opened it. Ingest checks this before the file and each batch commit.</exception>
    public FileIngestResult IngestFile(string path, long? maxLength, CancellationToken cancellationToken = default) =>
        IngestFile(path, maxLength, holdPartialTail: true, cancellationToken);

    internal FileIngestResult IngestFile(string path, long? maxLength, bool holdPartialTail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);

        _store.CheckDatabaseFile();
        return new FileIngestion(_store, _options, _reader, Path.GetFullPath(path), maxLength, holdPartialTail).Run(cancellationToken);
    }
}
