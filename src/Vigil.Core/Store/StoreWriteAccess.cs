using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Vigil.Store;

/// <summary>
/// The error of a command that writes the store when this user may not: which file or folder of the
/// store is not writable, and how to fix it.
/// </summary>
/// <remarks>
/// SQLite opens a write-protected database read-only without an error, and reports only "attempt to
/// write a readonly database" once a write fails. In WAL mode a writer also needs
/// <c>vigil.db-wal</c> and <c>vigil.db-shm</c>, and creates them in the data directory when they are
/// missing. access(2) checks each of them for this user, so the error can name the one to fix.
/// </remarks>
internal static class StoreWriteAccess
{
    // From unistd.h and errno.h, the same on Linux and macOS.
    private const int WriteOk = 2;
    private const int PermissionDenied = 13;
    private const int NotPermitted = 1;
    private const int ReadOnlyFileSystem = 30;

    // SQLite's result code SQLITE_READONLY.
    private const int ReadOnlyDatabase = 8;

    private const string ReadersWork = "'vigil alerts list', 'vigil alerts show' and 'vigil rules status' read the store as it is";

    /// <summary>
    /// Returns why this user cannot write the store <paramref name="databasePath"/> in
    /// <paramref name="dataDirectory"/>, or null when every file of it that exists is writable and
    /// the directory is writable or need not be. Always null on Windows, which has no access(2).
    /// </summary>
    public static string? FindProblem(string dataDirectory, string databasePath)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var files = new[] { databasePath, databasePath + "-wal", databasePath + "-shm" };
        var lockedFile = files.Select(file => (Path: file, Error: WriteError(file))).FirstOrDefault(file => file.Error != 0);
        var directoryError = WriteError(dataDirectory);

        // NOTE: no test covers this branch, because a read-only mount needs root to set up.
        if (lockedFile.Error == ReadOnlyFileSystem || directoryError == ReadOnlyFileSystem)
        {
            return $"{dataDirectory} is on a read-only file system, so the store {databasePath} cannot be written. Copy the data directory to a writable file system and give --data that copy; {ReadersWork}.";
        }

        var fileLocked = IsPermissionError(lockedFile.Error);
        var directoryLocked = IsPermissionError(directoryError);
        if (fileLocked && directoryLocked)
        {
            return $"permission denied on {lockedFile.Path} and on its directory {dataDirectory}: this user can write neither, as with a read-only copy kept as evidence. Copy the data directory to a place this user can write and give --data that copy; {ReadersWork}.";
        }

        if (fileLocked)
        {
            return $"permission denied on {lockedFile.Path}: this user cannot write {Describe(lockedFile.Path, databasePath)}. Run the command as a user who can write it, or give this user write permission on it.";
        }

        // SQLite needs to write the directory only to create the files that are missing.
        var missing = files.Where(file => !File.Exists(file)).Select(file => Path.GetFileName(file)).ToList();
        if (directoryLocked && missing.Count > 0)
        {
            return $"permission denied on {dataDirectory}: this user cannot create files in the data directory, and SQLite must create {Enumerate(missing)} there to write the store. Run the command as a user who can write the directory, or give this user write permission on it.";
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="exception"/> is SQLite rejecting a write on a connection it opened
    /// read-only, which a store opened for writing meets once a permission was removed. Every later
    /// write on a new connection fails the same way.
    /// </summary>
    public static bool IsReadOnlyError(Exception exception) => exception is SqliteException { SqliteErrorCode: ReadOnlyDatabase };

    private static string Describe(string path, string databasePath) => path switch
    {
        _ when path == databasePath => "the store file",
        _ when path.EndsWith("-wal", StringComparison.Ordinal) => "the store's write-ahead log, which SQLite writes beside the store file",
        _ => "the store's shared-memory index of its write-ahead log, which SQLite writes beside the store file",
    };

    private static string Enumerate(List<string> names) =>
        names.Count == 1 ? names[0] : $"{string.Join(", ", names[..^1])} and {names[^1]}";

    private static bool IsPermissionError(int error) => error is PermissionDenied or NotPermitted;

    /// <summary>Returns 0 when this user may write <paramref name="path"/> or it does not exist, else the errno of access(2).</summary>
    private static int WriteError(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            return 0;
        }

        return Access(path, WriteOk) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    // NOTE: access(2) checks the real user id, not the effective one; they differ only in a setuid program.
    [DllImport("libc", EntryPoint = "access", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Access([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);
}
