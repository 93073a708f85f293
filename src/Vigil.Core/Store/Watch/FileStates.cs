namespace Vigil.Store;

/// <summary>
/// What a watcher saw of each file: its size and last write time at the previous scan and when it
/// was last ingested. It decides which files are due: changed since ingested, and settled.
/// </summary>
internal sealed class FileStates(TimeProvider time, TimeSpan settleTime)
{
    private readonly Dictionary<string, FileState> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileState> _ingested = new(StringComparer.Ordinal);

    /// <summary>Returns the files that changed since they were ingested and have not changed since the previous scan (or not for <c>settleTime</c>).</summary>
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
            if (settled && (!_ingested.TryGetValue(path, out var ingested) || ingested != state))
            {
                due.Add(state);
            }
        }

        return due;
    }

    public void MarkIngested(FileState state) => _ingested[state.Path] = state;
}
