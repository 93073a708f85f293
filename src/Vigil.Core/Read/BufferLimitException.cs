namespace Vigil.Read;

/// <summary>
/// Thrown by <see cref="ByteWindow"/> when one value it must hold whole is larger than its
/// maximum buffer size.
/// </summary>
internal sealed class BufferLimitException(int maxSize)
    : Exception($"the JSON value is larger than {RecordLimits.Describe(maxSize)}, the maximum size of the window's buffer")
{
    /// <summary>The window's maximum buffer size in bytes.</summary>
    public int MaxSize => maxSize;
}
