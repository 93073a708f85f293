namespace Vigil.Read;

/// <summary>
/// Thrown by <see cref="ByteWindow.Fill"/> when more bytes are requested while the bytes kept from
/// a mark already exceed the maximum length that the mark was set with.
/// </summary>
/// <remarks>
/// The window throws before it discards or moves any byte, so the marked bytes are still buffered
/// and the caller may rewind to the mark.
/// </remarks>
internal sealed class MarkLimitException(int maxLength)
    : Exception($"the value from the mark is longer than {maxLength} bytes")
{
    /// <summary>The maximum length, in bytes, that the mark was set with.</summary>
    public int MaxLength => maxLength;
}
