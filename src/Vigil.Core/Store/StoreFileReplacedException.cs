namespace Vigil.Store;

/// <summary>
/// The store's <c>vigil.db</c> was deleted or replaced by another file after the store opened it.
/// SQLite goes on writing the file it opened, so every later write would be lost without an error.
/// </summary>
public sealed class StoreFileReplacedException : Exception
{
    /// <summary>Creates the exception with a message that names the path and the fix.</summary>
    public StoreFileReplacedException(string message)
        : base(message)
    {
    }
}
