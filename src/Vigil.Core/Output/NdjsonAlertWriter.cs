using Vigil.Detect.Rules;
using Vigil.Hunt;

namespace Vigil.Output;

/// <summary>Writes each alert as one line of JSON (NDJSON), ready for <c>jq</c> or an Elasticsearch bulk load.</summary>
/// <remarks>
/// <para>
/// The hunt writes alerts with the default encoder, which escapes control characters and
/// HTML-sensitive characters (<c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, quotes) as <c>\uXXXX</c>, so
/// attacker-controlled CloudTrail values can neither break the line structure nor inject markup
/// into a page that embeds the output. This writer adds only the line breaks.
/// </para>
/// <para>
/// When buffered, a timer writes out the waiting lines once the oldest has waited
/// <see cref="MaxWait"/>, so that an alert found early in a long hunt reaches a pipe's reader
/// without waiting for the next alert. <see cref="Write"/>, the timer and <see cref="Dispose"/>
/// share one lock, so one write at a time reaches the stream and each write holds only whole lines.
/// A stream failure in the timer's write is kept and raised by the next <see cref="Write"/> or
/// <see cref="ThrowIfFailed"/>, or by <see cref="Dispose"/> when neither follows.
/// </para>
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

    // Every field below is read and written only under _lock, because the timer's callback runs on
    // a thread-pool thread while the hunt's thread writes.
    private readonly Lock _lock = new();
    private readonly Timer? _timer;
    private bool _timerArmed;
    private bool _disposed;

    // The first failure of the stream, and whether Write or Dispose has raised it yet.
    private Exception? _failure;
    private bool _failureRaised;

    // Set with _failure and read without the lock, so that a check per batch costs one read.
    private volatile bool _failed;

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
    /// cut each other's lines. A timer writes out the block once its oldest line has waited a
    /// second, whether or not another alert comes, and every line goes out at <see cref="Dispose"/>.
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
            _timer = new Timer(static writer => ((NdjsonAlertWriter)writer!).OnTimer(), this, Timeout.Infinite, Timeout.Infinite);
        }
    }

    /// <summary>How long a buffered line waits at most before the timer or the next alert writes it out.</summary>
    internal TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(1);

    /// <exception cref="AlertOutputException">
    /// The stream failed, in this call or in an earlier timer write. This write and every later
    /// one raise it, and nothing more goes to the stream.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The writer was disposed.</exception>
    public void Write(DetectionRule rule, ReadOnlySpan<byte> alert)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_failure is null)
            {
                if (_buffered)
                {
                    Append(alert);
                }
                else
                {
                    // One write per line, so that a reader of an unbuffered stream never gets half a line.
                    WriteLine(alert);
                }
            }

            if (_failure is not null)
            {
                throw RaiseFailure();
            }
        }
    }

    /// <summary>Throws the stream's failure, if a write has failed, as <see cref="Write"/> would.</summary>
    /// <exception cref="AlertOutputException">The stream failed, here or in a timer write.</exception>
    public void ThrowIfFailed()
    {
        if (!_failed)
        {
            return;
        }

        lock (_lock)
        {
            throw RaiseFailure();
        }
    }

    /// <summary>Writes out the waiting lines now, instead of when the block fills or the oldest has waited <see cref="MaxWait"/>.</summary>
    /// <exception cref="AlertOutputException">The stream failed, in this write or an earlier one.</exception>
    /// <exception cref="ObjectDisposedException">The writer was disposed.</exception>
    public void Flush()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_failure is null && _waiting > 0)
            {
                WriteBlock();
            }

            if (_failure is not null)
            {
                throw RaiseFailure();
            }
        }
    }

    /// <summary>Writes out the waiting lines, then closes the stream if this writer owns it.</summary>
    /// <exception cref="AlertOutputException">
    /// The final write failed, or an earlier timer write failed and no <see cref="Write"/> has
    /// raised that failure yet.
    /// </exception>
    public void Dispose()
    {
        // No callback starts after this. One already running holds _lock until its write is done,
        // and one that was about to take _lock finds _disposed set and leaves the stream alone.
        _timer?.Dispose();

        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                WriteFinalBlock();
            }
            finally
            {
                if (_ownsStream)
                {
                    _stream.Dispose();
                }
            }
        }
    }

    private void WriteFinalBlock()
    {
        if (_failure is null)
        {
            WriteBlock();
        }

        if (_failure is null)
        {
            _stream.Flush();
        }
        else if (!_failureRaised)
        {
            throw RaiseFailure();
        }
    }

    /// <summary>Adds a line to the block, after writing out the lines before it when it does not fit.</summary>
    private void Append(ReadOnlySpan<byte> alert)
    {
        var length = alert.Length + 1;
        if (_waiting + length > BlockSize)
        {
            WriteBlock();
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

        // The timer's callback may start late on a busy thread pool, so an alert that finds the
        // oldest line overdue writes the block out itself.
        var remaining = RemainingWait();
        if (remaining <= 0)
        {
            WriteBlock();
        }
        else if (!_timerArmed)
        {
            // Armed once per block at most, and not per alert: a callback that finds a younger
            // block than the one it was armed for arms itself again for the rest of the wait.
            ArmTimer(remaining);
        }
    }

    private void OnTimer()
    {
        lock (_lock)
        {
            _timerArmed = false;
            if (_disposed || _failure is not null || _waiting == 0)
            {
                return;
            }

            var remaining = RemainingWait();
            if (remaining > 0)
            {
                ArmTimer(remaining);
                return;
            }

            // A failure stays in _failure for the next Write or Dispose, because an exception
            // thrown here would end the process.
            WriteBlock();
        }
    }

    /// <summary>Returns the milliseconds until the oldest waiting line has waited <see cref="MaxWait"/>.</summary>
    private long RemainingWait() => (long)MaxWait.TotalMilliseconds - (Environment.TickCount64 - _oldestTicks);

    private void ArmTimer(long dueMilliseconds)
    {
        _timer!.Change(dueMilliseconds, Timeout.Infinite);
        _timerArmed = true;
    }

    private void WriteBlock()
    {
        WriteOut(_block, _waiting);
        _waiting = 0;
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

    /// <summary>
    /// Writes <paramref name="count"/> bytes in one call. A failure is kept in <see cref="_failure"/>,
    /// and the waiting lines are lost with the stream.
    /// </summary>
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
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Any exception, not only IOException: this may run on the timer's thread, where an
            // exception that escapes ends the process.
            _failure = exception;
            _failed = true;
            _waiting = 0;
        }
    }

    private AlertOutputException RaiseFailure()
    {
        _failureRaised = true;
        return new AlertOutputException(_failure!.Message, _failure);
    }
}
