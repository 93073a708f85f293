using Vigil.Read;

namespace Vigil.Store;

/// <summary>Reads at most a fixed number of bytes of an inner stream, so a segment ends where the file ended when it was planned.</summary>
/// <param name="inner">The stream to read, positioned at the first byte.</param>
/// <param name="length">The number of bytes to read at most.</param>
/// <param name="leaveOpen">Whether <paramref name="inner"/> stays open when this stream is disposed.</param>
internal sealed class BoundedStream(Stream inner, long length, bool leaveOpen = false) : ReadOnlyStream
{
    private long _remaining = length;
    private bool _innerEnded;

    /// <summary>Whether every byte up to the bound was read, or the inner stream ended before it.</summary>
    public bool Exhausted => _remaining <= 0 || _innerEnded;

    public override int Read(Span<byte> buffer)
    {
        if (_remaining <= 0 || buffer.IsEmpty)
        {
            return 0;
        }

        var read = inner.Read(buffer[..(int)Math.Min(buffer.Length, _remaining)]);
        _remaining -= read;
        _innerEnded |= read == 0;
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
