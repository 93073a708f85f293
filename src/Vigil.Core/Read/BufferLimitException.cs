namespace Vigil.Read;

/// <summary>
/// Thrown by <see cref="ByteWindow"/> when one value it must hold whole is larger than its
/// maximum buffer size.
/// </summary>
internal sealed class BufferLimitException(int maxSize)
    : Exception($"the JSON value is larger than {RecordLimits.Describe(maxSize)}, the largest value read whole; split the file into smaller ones")
{
}
