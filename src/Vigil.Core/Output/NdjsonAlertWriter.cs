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
    /// The maximum bytes per write when buffered, unless one line is longer. A write per 8 KB alert
    /// fills each new ext4 page cache folio only in part, and the kernel zeroes the rest first.
    /// Writes of 64 KiB to 1 MiB took about a third of that kernel time (77 MB of alerts, Linux
    /// 6.18), and writes of 4 MiB took more again.
    /// </summary>
    public const int BlockSize = 256 * 1024;

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly bool _buffered;
    private byte[] _line = new byte[16 * 1024];

    // The buffered mode's block of whole lines, and when the oldest of them came.
    private readonly byte[] _block = [];
    private int _waiting;
    private long _oldestTicks;

    /// <param name="stream">Where the lines go.</param>
    /// <param name="ownsStream">Whether <see cref="Dispose"/> closes <paramref name="stream"/>.</param>
    /// <param name="buffered">
    /// Whether lines wait in a block of up to <see cref="BlockSize"/> bytes instead of each going out
    /// in one write as it comes. Use it for a file or a pipe, and not for a terminal where someone
    /// watches alerts arrive. A write holds only whole lines, so hunts appending to one file do not
    /// cut each other's lines. A line that has waited a second goes out with the next alert, and every
    /// line goes out at <see cref="Dispose"/>.
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

        // One write per line, so that a reader of an unbuffered stream never gets half a line.
        WriteLine(alert);
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

    /// <summary>Adds a line to the block, after writing out the lines before it when it does not fit.</summary>
    private void Append(ReadOnlySpan<byte> alert)
    {
        var length = alert.Length + 1;
        if (_waiting + length > BlockSize)
        {
            WriteOut(_block, _waiting);
        }

        if (length > BlockSize)
        {
            // A line longer than a block goes out alone, in one write, as an unbuffered writer writes it.
            WriteLine(alert);
            return;
        }

        if (_waiting == 0)
        {
            _oldestTicks = Environment.TickCount64;
        }

        alert.CopyTo(_block.AsSpan(_waiting));
        _block[_waiting + alert.Length] = (byte)'\n';
        _waiting += length;

        if (Environment.TickCount64 - _oldestTicks >= (long)MaxWait.TotalMilliseconds)
        {
            WriteOut(_block, _waiting);
        }
    }

    private void WriteLine(ReadOnlySpan<byte> alert)
    {
        if (_line.Length <= alert.Length)
        {
            _line = new byte[alert.Length + 1];
        }

        alert.CopyTo(_line);
        _line[alert.Length] = (byte)'\n';
        WriteOut(_line, alert.Length + 1);
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

        if (ReferenceEquals(bytes, _block))
        {
            _waiting = 0;
        }
    }
}
