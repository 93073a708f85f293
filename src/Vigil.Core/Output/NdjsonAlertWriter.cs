using Vigil.Detect.Rules;
using Vigil.Hunt;

namespace Vigil.Output;

/// <summary>Writes each alert as one line of JSON (NDJSON), ready for <c>jq</c> or an Elasticsearch bulk load.</summary>
/// <remarks>
/// The hunt writes alerts with the default encoder, which escapes control characters and
/// HTML-sensitive characters (<c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, quotes) as <c>\uXXXX</c>, so
/// attacker-controlled CloudTrail values can neither break the line structure nor inject markup
/// into a page that embeds the output. This writer adds only the line breaks.
/// </remarks>
public sealed class NdjsonAlertWriter : IAlertSink, IDisposable
{
    /// <summary>
    /// Bytes per write when buffered. Writes of 64 KiB to 1 MiB at offsets that are multiples of
    /// their size cost ext4 about a third of the kernel time of one write per 8 KB alert, which fills
    /// each new page cache folio only in part and has it zeroed first (<c>dd</c> of 77 MB of alerts,
    /// Linux 6.18). Writes of 4 MiB cost more again.
    /// </summary>
    public const int BlockSize = 256 * 1024;

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly bool _buffered;
    private byte[] _line = new byte[16 * 1024];

    // The buffered mode's block: bytes waiting, where the stream is, and when the oldest line came.
    private readonly byte[] _block = [];
    private int _waiting;
    private long _offset;
    private long _oldestTicks;

    /// <param name="stream">Where the lines go.</param>
    /// <param name="ownsStream">Whether <see cref="Dispose"/> closes <paramref name="stream"/>.</param>
    /// <param name="buffered">
    /// Whether lines wait in a block of <see cref="BlockSize"/> bytes, aligned to the stream's
    /// offsets, instead of each going out in one write as it comes. Use it for a file or a pipe, and
    /// not for a terminal where someone watches alerts arrive. A line that has waited a second goes
    /// out with the next alert, and every line goes out at <see cref="Dispose"/>.
    /// </param>
    public NdjsonAlertWriter(Stream stream, bool ownsStream, bool buffered = false)
    {
        ArgumentNullException.ThrowIfNull(stream);

        _stream = stream;
        _ownsStream = ownsStream;
        _buffered = buffered;
        if (buffered)
        {
            _block = new byte[BlockSize];
            _offset = SafePosition(stream);
        }
    }

    /// <summary>How long a buffered line waits at most for the next alert before that alert writes it out.</summary>
    internal TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(1);

    /// <exception cref="AlertOutputException">The stream failed; nothing more can be written after it.</exception>
    public void Write(DetectionRule rule, ReadOnlySpan<byte> alert)
    {
        if (_buffered)
        {
            Append(alert);
            return;
        }

        // One write per line, so that a reader of an unbuffered stream never sees half a line.
        if (_line.Length <= alert.Length)
        {
            _line = new byte[alert.Length + 1];
        }

        alert.CopyTo(_line);
        _line[alert.Length] = (byte)'\n';
        WriteOut(_line, alert.Length + 1);
    }

    public void Dispose()
    {
        try
        {
            WriteOut(_block, _waiting);
            _stream.Flush();
        }
        finally
        {
            if (_ownsStream)
            {
                _stream.Dispose();
            }
        }
    }

    /// <summary>Adds a line to the block, writing each part of the block that fills up.</summary>
    private void Append(ReadOnlySpan<byte> alert)
    {
        if (_waiting == 0)
        {
            _oldestTicks = Environment.TickCount64;
        }

        AppendBytes(alert);
        AppendBytes("\n"u8);

        if (_waiting > 0 && Environment.TickCount64 - _oldestTicks >= (long)MaxWait.TotalMilliseconds)
        {
            WriteOut(_block, _waiting);
        }
    }

    private void AppendBytes(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            // A block ends where the stream's offset reaches a multiple of BlockSize, so that after a
            // timed write the next full block still ends on a boundary.
            var room = BlockSize - (int)((_offset + _waiting) % BlockSize);
            var count = Math.Min(room, bytes.Length);
            bytes[..count].CopyTo(_block.AsSpan(_waiting));
            _waiting += count;
            bytes = bytes[count..];
            if (count == room)
            {
                WriteOut(_block, _waiting);
            }
        }
    }

    private void WriteOut(byte[] bytes, int count)
    {
        if (count == 0)
        {
            return;
        }

        try
        {
            _stream.Write(bytes, 0, count);
        }
        catch (IOException exception)
        {
            // The lines are lost with the stream, and Dispose must not try them again.
            _waiting = 0;
            throw new AlertOutputException(exception.Message, exception);
        }

        if (_buffered)
        {
            _offset += count;
            _waiting = 0;
            _oldestTicks = Environment.TickCount64;
        }
    }

    /// <summary>Returns the stream's offset, or 0 for a pipe or another stream that has none.</summary>
    private static long SafePosition(Stream stream)
    {
        try
        {
            return stream.CanSeek ? stream.Position : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
