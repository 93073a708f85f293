using System.Buffers;

namespace Vigil.Read;

/// <summary>
/// Growable byte buffers kept for reuse from one value to the next. A buffer that grew past
/// 1 MiB for one huge value is replaced, so that it does not keep that memory for the rest of a run.
/// </summary>
internal static class ReusableBuffer
{
    private const int InitialCapacity = 16 * 1024;
    private const int MaxKeptCapacity = 1 << 20;

    /// <summary>Returns <paramref name="buffer"/> emptied, or a new buffer in its place when it is missing or too large.</summary>
    public static ArrayBufferWriter<byte> Reset(ref ArrayBufferWriter<byte>? buffer)
    {
        if (buffer is not { Capacity: <= MaxKeptCapacity })
        {
            buffer = new ArrayBufferWriter<byte>(InitialCapacity);
        }

        buffer.ResetWrittenCount();
        return buffer;
    }
}
