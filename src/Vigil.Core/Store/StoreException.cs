namespace Vigil.Store;

/// <summary>The store cannot be opened or used: a schema newer than this Vigil, a failed schema step, an unusable data directory.</summary>
public sealed class StoreException : Exception
{
    /// <summary>Creates the exception with a message that names the value and the fix.</summary>
    public StoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public StoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
