using Vigil.Read;

namespace Vigil.Store;

/// <summary>
/// The watched files whose last ingest failed to open or read them, with the error. A watcher
/// retries them at every scan, because fixing a permission changes neither size nor write time,
/// and reports a failure again only when its error changes.
/// </summary>
internal sealed class FailedFiles
{
    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether <paramref name="path"/> failed to open before and still fails with the same error,
    /// so that the scan passes over it without reading or reporting it again.
    /// </summary>
    public bool StillFailsToOpen(string path) =>
        _errors.TryGetValue(path, out var error) && OpenError(path) == error;

    /// <summary>Records that the file at <paramref name="path"/> could not be opened, with the error of opening it now.</summary>
    public void RecordOpenFailure(string path) => _errors[path] = OpenError(path) ?? "";

    /// <summary>Records a failure while the file was read, and returns whether it repeats the previous failure of that file.</summary>
    public bool RecordReadFailure(string path, string error)
    {
        var repeated = _errors.TryGetValue(path, out var previous) && previous == error;
        _errors[path] = error;
        return repeated;
    }

    /// <summary>Forgets a failure once the file was read.</summary>
    public void Remove(string path) => _errors.Remove(path);

    /// <summary>
    /// Whether a failed open of <paramref name="path"/> is retried: a regular file may become
    /// readable, while a named pipe, socket or device is never read.
    /// </summary>
    public static bool IsRetried(string path) => RegularFile.IsRegularOrUnknown(path);

    /// <summary>Returns why the file cannot be opened for reading now, or null when it can.</summary>
    private static string? OpenError(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return exception.Message;
        }
    }
}
