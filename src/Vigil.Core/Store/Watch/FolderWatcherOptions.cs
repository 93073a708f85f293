namespace Vigil.Store;

/// <summary>Settings of a <see cref="FolderWatcher"/>.</summary>
public sealed record FolderWatcherOptions
{
    /// <summary>The default time between two scans of the folders.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Time between two scans of the folders. A file is ingested once its size and last write time
    /// are the same in two scans, or its last write is older than this, so a file still being
    /// written is not read half-way.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = DefaultPollInterval;

    /// <summary>The default of <see cref="UnfinishedFileWait"/>.</summary>
    public static readonly TimeSpan DefaultUnfinishedFileWait = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a file must stay unwritten before new bytes that may be unfinished are read, and
    /// reported as truncated. Such bytes are text that ends without a line feed and not after a
    /// complete JSON value, or gzip data whose last member is not complete. Until then the watcher
    /// takes the writer as paused, reads none of those bytes and counts no error. Defaults to one minute.
    /// </summary>
    public TimeSpan UnfinishedFileWait { get; init; } = DefaultUnfinishedFileWait;

    /// <summary>Whether a <see cref="FileSystemWatcher"/> wakes the watcher early when a file changes; the scan still runs on its interval.</summary>
    public bool WakeOnChange { get; init; } = true;

    /// <summary>Settings of the ingest, including the callback naming each problem.</summary>
    public IngestOptions Ingest { get; init; } = new();

    /// <summary>
    /// Called at each scan for each watched folder, with whether it exists, so that the caller can
    /// report a folder that disappears or appears while the watcher runs.
    /// </summary>
    public Action<string, bool>? FolderChecked { get; init; }

    /// <summary>Called after each file in which a scan read new data, or that failed.</summary>
    public Action<FileIngestResult>? FileIngested { get; init; }
}
