using Vigil.Read;

namespace Vigil.Store;

public sealed partial class VigilStore
{
    // The device and inode of vigil.db when the store opened it, or null where they cannot be read.
    private FileIdentity? _openedFile;

    /// <summary>
    /// Throws when <c>vigil.db</c> at <see cref="DatabasePath"/> is no longer the file this store
    /// opened: the data directory or the file was deleted, or another file took its path. A
    /// long-running command calls it before each step that writes, because SQLite keeps writing
    /// an unlinked file and reports no error.
    /// </summary>
    /// <exception cref="StoreFileReplacedException">The file is missing or is another file.</exception>
    public void CheckDatabaseFile()
    {
        if (_openedFile is not { } opened)
        {
            return;
        }

        var current = FileIdentity.OfPath(DatabasePath);
        if (current == opened)
        {
            return;
        }

        var change = current is null ? "was deleted" : "was replaced by another file";
        throw new StoreFileReplacedException(
            $"the store {DatabasePath} {change} while Vigil had it open, so nothing written from now on would be kept. Restore the data directory from a backup, or start Vigil again to create a new store there.");
    }

    private void RememberOpenedFile() => _openedFile = FileIdentity.OfPath(DatabasePath);
}
