using Microsoft.Data.Sqlite;

namespace Vigil.Store;

public sealed partial class VigilStore
{
    /// <summary>
    /// Returns the error for a write that SQLite rejected after the store opened, as it does once a
    /// permission of the store file, its write-ahead log or the data directory was removed: what
    /// this user can no longer write and the fix, in the words of the check that <see cref="Open"/>
    /// makes. Returns null when <paramref name="exception"/> is another failure.
    /// </summary>
    /// <remarks>
    /// SQLite opens a file it may not write read-only without an error, so a connection opened after
    /// the change fails only at its first write. A connection the pool kept open writes on.
    /// </remarks>
    public string? WriteRejection(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);

        if (exception is not SqliteException { SqliteErrorCode: ReadOnlyError or CannotOpenError } sqlite)
        {
            return null;
        }

        if (StoreWriteAccess.FindProblem(DataDirectory, DatabasePath) is { } problem)
        {
            return problem;
        }

        // No file or folder lacks a permission, so SQLite's text is the only hint left, as at open.
        return sqlite.SqliteErrorCode == ReadOnlyError ? CannotWrite(sqlite) : null;
    }

    /// <summary>Returns the error for a write SQLite rejected where no file or folder of the store lacks a permission.</summary>
    private string CannotWrite(SqliteException exception) =>
        $"the store {DatabasePath} cannot be written ({exception.Message}). Check that this user can write it and create files in {DataDirectory}.";
}
