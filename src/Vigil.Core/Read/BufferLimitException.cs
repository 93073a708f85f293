namespace Vigil.Read;

/// <summary>
/// Thrown by <see cref="ByteWindow"/> when one value it must hold whole is larger than its
/// maximum buffer size.
/// </summary>
internal sealed class BufferLimitException(int maxSize)
    : Exception($"the value is larger than {Describe(maxSize)}, the maximum size of one record")
{
    private static string Describe(int size) => size % (1024 * 1024) == 0 ? $"{size / (1024 * 1024)} MiB" : $"{size} bytes";
}
