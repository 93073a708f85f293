namespace Vigil.Read;

/// <summary>
/// Removes the timestamp that starts each line of a CloudWatch Logs export to S3
/// (<c>2024-05-01T12:00:00.000Z {"eventVersion":…}</c>), leaving one record per line.
/// </summary>
/// <remarks>
/// A line that starts with a digit loses everything up to its first space. Other lines pass
/// unchanged. Byte offsets after this stream count the bytes without the removed prefixes.
/// </remarks>
internal sealed class TimestampPrefixStream(Stream inner) : ReadOnlyStream
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _position;
    private int _length;
    private State _state = State.LineStart;

    private enum State
    {
        LineStart,
        SkippingPrefix,
        Copying,
    }

    /// <summary>Returns whether <paramref name="head"/> starts like a line of a CloudWatch Logs export.</summary>
    public static bool Matches(ReadOnlySpan<byte> head)
    {
        // yyyy-MM-ddTHH:mm:ss, then optional fraction and zone, a space and a JSON object.
        ReadOnlySpan<byte> digits = "0000-00-00T00:00:00"u8;
        if (head.Length <= digits.Length)
        {
            return false;
        }

        for (var i = 0; i < digits.Length; i++)
        {
            var expected = digits[i];
            var matches = expected == (byte)'0' ? char.IsAsciiDigit((char)head[i]) : head[i] == expected;
            if (!matches)
            {
                return false;
            }
        }

        var space = head.IndexOf((byte)' ');
        return space > 0 && space + 1 < head.Length && head[space + 1] == (byte)'{';
    }

    public override int Read(Span<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            if (_position == _length && !Refill())
            {
                return 0;
            }

            var written = Filter(buffer);
            if (written > 0)
            {
                return written;
            }
        }

        return 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool Refill()
    {
        _position = 0;
        _length = inner.Read(_buffer);
        return _length > 0;
    }

    private int Filter(Span<byte> output)
    {
        var written = 0;
        while (_position < _length && written < output.Length)
        {
            var pending = _buffer.AsSpan(_position, _length - _position);
            switch (_state)
            {
                case State.LineStart:
                    _state = char.IsAsciiDigit((char)pending[0]) ? State.SkippingPrefix : State.Copying;
                    break;

                case State.SkippingPrefix:
                    var end = pending.IndexOfAny((byte)' ', (byte)'\n');
                    _position += end < 0 ? pending.Length : end + (pending[end] == ' ' ? 1 : 0);
                    _state = end < 0 ? State.SkippingPrefix : State.Copying;
                    break;

                default:
                    var segment = pending[..Math.Min(pending.Length, output.Length - written)];
                    var newline = segment.IndexOf((byte)'\n');
                    var count = newline < 0 ? segment.Length : newline + 1;
                    segment[..count].CopyTo(output[written..]);
                    written += count;
                    _position += count;
                    _state = newline < 0 ? State.Copying : State.LineStart;
                    break;
            }
        }

        return written;
    }
}
