namespace Vigil.Read;

/// <summary>
/// A read-only stream that returns a few already-read bytes before the rest of an inner stream,
/// so content can be sniffed without requiring a seekable stream.
/// </summary>
internal sealed class PrefixedStream(byte[] prefix, Stream inner) : ReadOnlyStream
{
    private int _prefixUsed;

    public override int Read(Span<byte> buffer)
    {
        if (_prefixUsed < prefix.Length)
        {
            var count = Math.Min(buffer.Length, prefix.Length - _prefixUsed);
            prefix.AsSpan(_prefixUsed, count).CopyTo(buffer);
            _prefixUsed += count;
            return count;
        }

        return inner.Read(buffer);
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
