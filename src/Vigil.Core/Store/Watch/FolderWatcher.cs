using Microsoft.Data.Sqlite;
using Vigil.Read;

namespace Vigil.Store;

/// <summary>
/// Watches folders and ingests every new or grown CloudTrail file into a <see cref="VigilStore"/>
/// exactly once, through the same checkpoints as <see cref="EventIngester"/>.
/// </summary>
/// <remarks>
/// The folders are scanned every <see cref="FolderWatcherOptions.PollInterval"/>, and earlier when
/// a <see cref="FileSystemWatcher"/> reports a change. Scanning is the source of truth, because
/// file system events are lost on overflow and on network file systems. A bad file is a counted
/// error and never stops the watcher.
/// </remarks>
public sealed class FolderWatcher : IDisposable
{
    private readonly VigilStore _store;
    private readonly IReadOnlyList<string> _folders;
    private readonly FolderWatcherOptions _options;
    private readonly EventIngester _ingester;
    private readonly FileStates _states;
    private readonly List<FileSystemWatcher> _systemWatchers = [];

    // Names already reported as not valid UTF-8, so that each is reported once per watcher.
    private readonly HashSet<string> _unreadableNames = new(StringComparer.Ordinal);

    // Folders reported as not listed, so that each poll does not report them again.
    private readonly HashSet<string> _unlistedReported = new(StringComparer.Ordinal);
    private readonly FailedFiles _failedFiles = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates a watcher of <paramref name="folders"/> (searched recursively) that ingests into <paramref name="store"/>.</summary>
    public FolderWatcher(VigilStore store, IReadOnlyList<string> folders, FolderWatcherOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(folders);

        _store = store;
        _folders = [.. folders.Select(Path.GetFullPath)];
        _options = options ?? new FolderWatcherOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.PollInterval, TimeSpan.Zero, nameof(options));
        _ingester = new EventIngester(store, _options.Ingest);
        // Last write times come from the file system's clock, so settling is measured on it too.
        _states = new FileStates(TimeProvider.System, _options.PollInterval, _options.UnfinishedFileWait);
    }

    /// <summary>
    /// Scans the folders once and ingests every file that is new or grew and has stopped changing.
    /// Returns the counts of this scan.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled; committed batches stay.</exception>
    public IngestSummary PollOnce(CancellationToken cancellationToken = default)
    {
        var summary = new IngestSummary();
        foreach (var file in _states.DueFiles(ListFiles()))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_failedFiles.StillFailsToOpen(file.Path))
            {
                continue;
            }

            var result = IngestOne(file, cancellationToken, out var repeatedFailure);
            if (repeatedFailure)
            {
                continue;
            }

            summary.Add(result);
            if (result.ReadNewData || result.Errors > 0)
            {
                _options.FileIngested?.Invoke(result);
            }
        }

        return summary;
    }

    /// <summary>
    /// Marks the file as ingested, so that it is read again only once it changes and its bad
    /// records count once. A file that could not be opened stays due instead.
    /// </summary>
    private void MarkRead(FileState file, FileIngestResult result)
    {
        if (result.Unreadable && FailedFiles.IsRetried(file.Path))
        {
            _failedFiles.RecordOpenFailure(file.Path);
            return;
        }

        _failedFiles.Remove(file.Path);
        _states.MarkIngested(file, result.TailHeld);
    }

    /// <summary>Scans until <paramref name="cancellationToken"/> is cancelled, then returns.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        StartSystemWatchers();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Run(() => PollOnce(cancellationToken), cancellationToken).ConfigureAwait(false);
                await WaitForNextScan(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Stops the file system watchers.</summary>
    public void Dispose()
    {
        foreach (var watcher in _systemWatchers)
        {
            watcher.Dispose();
        }

        _systemWatchers.Clear();
    }

    /// <summary>
    /// Ingests the file and marks it read. <paramref name="repeatedFailure"/> is true when the
    /// ingest failed with the error of its previous try, which is then not reported again.
    /// </summary>
    private FileIngestResult IngestOne(FileState file, CancellationToken cancellationToken, out bool repeatedFailure)
    {
        var path = file.Path;
        repeatedFailure = false;
        try
        {
            // Only the length seen to settle is read. New bytes ending mid-line or inside a gzip
            // member wait until the file has stopped changing: a writer may have flushed only part
            // of the line or member. A file written longer ago than that wait is not checked, which
            // spares a folder of finished .json.gz files a second inflate each.
            var holdPartialTail = _states.MayStillBeWritten(file) && !_states.IsTailFinal(file);
            var result = _ingester.IngestFile(path, file.Length, holdPartialTail, cancellationToken);
            MarkRead(file, result);
            return result;
        }
        catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException)
        {
            var failure = new FileIngestResult(path) { Records = 1, Errors = 1, ReadNewData = false };
            repeatedFailure = _failedFiles.RecordReadFailure(path, exception.Message);
            if (!repeatedFailure)
            {
                _options.Ingest.ProblemFound?.Invoke(new ReadItem(ReadOutcome.Error, path, "file", null, $"ingest failed, it is retried at each scan and reported again when its error changes: {exception.Message}"));
            }

            return failure;
        }
    }

    private IEnumerable<string> ListFiles()
    {
        var existing = _folders.Where(Directory.Exists).ToList();
        foreach (var folder in _folders)
        {
            _options.FolderChecked?.Invoke(folder, existing.Contains(folder, StringComparer.Ordinal));
        }

        var unlisted = new List<UnlistedFolder>();
        var files = PathExpansion.Expand(existing, unlisted);
        foreach (var folder in unlisted.Where(folder => _unlistedReported.Add(folder.Path)))
        {
            _options.Ingest.FolderNotListed?.Invoke(folder);
        }

        foreach (var file in files)
        {
            if (File.Exists(file))
            {
                if (!_store.Holds(file))
                {
                    yield return file;
                }

                continue;
            }

            // .NET lists a name that is not valid UTF-8 with U+FFFD in it and cannot open it, so
            // it is reported once instead of being passed over without a word.
            if (file.Contains('\uFFFD', StringComparison.Ordinal) && _unreadableNames.Add(file) && InvalidUtf8FileName.Reason(file) is { } reason)
            {
                _options.Ingest.ProblemFound?.Invoke(new ReadItem(ReadOutcome.Error, file, "byte 0", null, reason));
            }
        }
    }

    private async Task WaitForNextScan(CancellationToken cancellationToken)
    {
        var wake = Volatile.Read(ref _wake);
        await Task.WhenAny(Task.Delay(_options.PollInterval, _store.TimeProvider, cancellationToken), wake.Task).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (wake.Task.IsCompleted)
        {
            Interlocked.Exchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }
    }

    private void StartSystemWatchers()
    {
        if (!_options.WakeOnChange || _systemWatchers.Count > 0)
        {
            return;
        }

        foreach (var folder in _folders.Where(Directory.Exists))
        {
            var watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = true };
            watcher.Created += (_, _) => Volatile.Read(ref _wake).TrySetResult();
            watcher.Changed += (_, _) => Volatile.Read(ref _wake).TrySetResult();
            watcher.Renamed += (_, _) => Volatile.Read(ref _wake).TrySetResult();
            watcher.EnableRaisingEvents = true;
            _systemWatchers.Add(watcher);
        }
    }
}
