using System.Globalization;
using System.Runtime.Versioning;
using System.Text;

namespace Vigil.Store;

/// <summary>
/// The claim of one <c>vigil serve</c> on a store's rules: a lock on <c>serve.lock</c> in the data
/// directory, held while serve runs. Two serves on one store would each run every window with its
/// own <c>max_signals</c>, where Kibana's task manager lets one instance claim each rule run.
/// </summary>
/// <remarks>
/// The lock is a record lock (fcntl on Linux, LockFileEx on Windows) or, on macOS, flock(2). The
/// operating system releases it when the process ends, also when it is killed, so no stale lock
/// outlives a crash. A Linux record lock belongs to the process, so a second lock taken by the same
/// process succeeds: only another process is kept out.
/// </remarks>
public sealed class ServeLock : IDisposable
{
    /// <summary>The lock file's name inside the data directory.</summary>
    public const string FileName = "serve.lock";

    // The locked byte lies past the owner's text, because a Windows lock also blocks reads of its
    // range, and the serve that finds the lock taken reads that text to name the owner.
    private const long LockedByte = 4096;

    private readonly FileStream _file;

    private ServeLock(FileStream file) => _file = file;

    /// <summary>
    /// Takes the lock of the store in <paramref name="dataDirectory"/> for this process, and writes
    /// the process id and <paramref name="startedAt"/> into the lock file for the error of a second serve.
    /// </summary>
    /// <exception cref="StoreException">Another process holds the lock, or the lock file cannot be created.</exception>
    public static ServeLock Acquire(string dataDirectory, DateTimeOffset startedAt)
    {
        var path = Path.Combine(Path.GetFullPath(dataDirectory), FileName);
        var file = OperatingSystem.IsMacOS() ? OpenExclusive(path) : OpenShared(path);
        if (!OperatingSystem.IsMacOS())
        {
            LockRange(file, path);
        }

        try
        {
            WriteOwner(file, startedAt);
        }
        catch (IOException)
        {
            // The lock holds without the text, so a second serve's error names no process id.
        }

        return new ServeLock(file);
    }

    /// <summary>Clears the owner's text and releases the lock.</summary>
    public void Dispose()
    {
        try
        {
            _file.SetLength(0);
        }
        catch (IOException)
        {
            // The lock is released below all the same, and a stale text names a process that ended.
        }

        _file.Dispose();
    }

    private static FileStream OpenShared(string path)
    {
        try
        {
            // FileShare.ReadWrite, so that a second serve can open the file and read the owner.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(OpenFailedMessage(path, error), error);
        }
    }

    [UnsupportedOSPlatform("macos")]
    private static void LockRange(FileStream file, string path)
    {
        try
        {
            file.Lock(LockedByte, 1);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            var owner = ReadOwner(file);
            file.Dispose();
            throw new StoreException(HeldMessage(path, owner, error.Message), error);
        }
    }

    /// <summary>
    /// Opens the lock file with FileShare.None, which .NET turns into flock(2), because .NET does not
    /// lock a file range on macOS. The lock then also keeps a second serve from reading the owner.
    /// </summary>
    private static FileStream OpenExclusive(string path)
    {
        // NOTE: no test covers this path, because the tests run on Linux.
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException error) when (File.Exists(path))
        {
            throw new StoreException(HeldMessage(path, owner: null, error.Message), error);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(OpenFailedMessage(path, error), error);
        }
    }

    private static string OpenFailedMessage(string path, Exception error) =>
        $"the lock file {path} could not be opened ({error.Message}). vigil serve holds a lock on it while it runs, so that one serve runs the store's rules. Check that this user can create and write files in {Path.GetDirectoryName(path)}.";

    private static void WriteOwner(FileStream file, DateTimeOffset startedAt)
    {
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"process {Environment.ProcessId} on {Environment.MachineName}, started {startedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}\n");
        file.SetLength(0);
        file.Write(Encoding.UTF8.GetBytes(text));
        file.Flush();
    }

    /// <summary>Returns the text the lock's owner wrote, or null when it has not written it yet.</summary>
    private static string? ReadOwner(FileStream file)
    {
        try
        {
            var buffer = new byte[LockedByte];
            file.Position = 0;
            var length = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var text = Encoding.UTF8.GetString(buffer, 0, length).Trim();
            return text.Length == 0 ? null : text;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string HeldMessage(string path, string? owner, string lockError)
    {
        var holder = owner is null
            ? $"another process (the lock failed: {lockError}. 'lsof {path}' lists it)"
            : $"another vigil serve ({owner})";
        return $"{holder} holds the lock {path}, so it runs the rules of the store {Path.GetDirectoryName(path)}. "
            + "Two serves on one store would each run every window, each with its own max_signals, so one window could write twice max_signals alerts. "
            + "Stop the other serve before you start this one, or give this one another --data. 'vigil ingest', 'vigil rules status' and 'vigil alerts list' work beside it.";
    }
}
