using Vigil.Read;

namespace Vigil.Store;

/// <summary>Reads at most a fixed number of bytes of an inner stream, so a segment ends where the file ended when it was planned.</summary>
internal sealed class BoundedStream(Stream inner, long length) : ReadOnlyStream
{
    private long _remaining = length;

    public override int Read(Span<byte> buffer)
    {
        if (_remaining <= 0)
        {
            return 0;
        }

        var read = inner.Read(buffer[..(int)Math.Min(buffer.Length, _remaining)]);
        _remaining -= read;
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
