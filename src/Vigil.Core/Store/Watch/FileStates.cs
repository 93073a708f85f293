namespace Vigil.Store;

/// <summary>
/// What a watcher saw of each file: its size and last write time at the previous scan and when it
/// was last ingested. It decides which files are due: changed since ingested, and settled.
/// </summary>
internal sealed class FileStates(TimeProvider time, TimeSpan settleTime, TimeSpan heldTailWait)
{
    private readonly Dictionary<string, FileState> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileState> _ingested = new(StringComparer.Ordinal);
    private readonly HashSet<string> _heldTails = new(StringComparer.Ordinal);

    /// <summary>
    /// Returns the files that changed since they were ingested and have not changed since the
    /// previous scan (or not for <c>settleTime</c>), and those whose held tail is now final.
    /// </summary>
    public List<FileState> DueFiles(IEnumerable<string> paths)
    {
        var due = new List<FileState>();
        var now = time.GetUtcNow();
        foreach (var path in paths)
        {
            if (FileState.TryRead(path) is not { } state)
            {
                continue;
            }

            var settled = (_seen.TryGetValue(path, out var previous) && previous == state) || now - state.LastWrite >= settleTime;
            _seen[path] = state;
            if (settled && (!_ingested.TryGetValue(path, out var ingested) || ingested != state || IsTailFinal(state)))
            {
                due.Add(state);
            }
        }

        return due;
    }

    /// <summary>
    /// Whether the file's last ingest held back an unfinished tail, and the file has not changed
    /// since then nor been written for <c>heldTailWait</c>. The writer is then taken as done, so
    /// the tail is read as it is and, when it is truncated, reported.
    /// </summary>
    public bool IsTailFinal(FileState state) =>
        _heldTails.Contains(state.Path)
        && _ingested.TryGetValue(state.Path, out var ingested)
        && ingested == state
        && time.GetUtcNow() - state.LastWrite >= heldTailWait;

    /// <summary>
    /// Whether the file was written less than <c>heldTailWait</c> ago, so a writer may still be
    /// adding to it. An older file is read as it is: holding it back would only delay the report.
    /// </summary>
    public bool MayStillBeWritten(FileState state) => time.GetUtcNow() - state.LastWrite < heldTailWait;

    public void MarkIngested(FileState state, bool tailHeld)
    {
        _ingested[state.Path] = state;
        if (tailHeld)
        {
            _heldTails.Add(state.Path);
        }
        else
        {
            _heldTails.Remove(state.Path);
        }
    }
}
