using System.Runtime.InteropServices;

namespace Vigil.Read;

/// <summary>
/// A pipe that calls back before a read that would wait on it, once the pipe has had no data for
/// <see cref="QuietAfter"/>. The reader of a pipe such as <c>&lt;(tail -f …)</c> can then act on
/// what it has read so far instead of holding it until more data comes or the writer closes.
/// </summary>
/// <remarks>
/// It polls the pipe with poll(2) before each read, one system call more per read of up to a
/// pipe's buffer (64 KiB on Linux). Pipes are read only on Unix (<see cref="RegularFile.IsPipe"/>).
/// </remarks>
internal sealed class QuietPipeStream(FileStream pipe, Action onQuiet) : ReadOnlyStream
{
    /// <summary>How long the pipe has no data before the callback runs.</summary>
    public static readonly TimeSpan QuietAfter = TimeSpan.FromMilliseconds(200);

    private const short PollIn = 0x1;

    // Whether the last WaitForData found the pipe quiet, and nothing was read since.
    private bool _quiet;

    /// <summary>
    /// Waits up to <see cref="QuietAfter"/> for data, or the end of the pipe, and returns whether it
    /// came. Once the pipe was found quiet, later calls and the next read only check, without
    /// waiting, until a read takes data: a layer above, such as gzip, may still return data it holds.
    /// </summary>
    public bool WaitForData()
    {
        _quiet = !Poll(_quiet ? TimeSpan.Zero : QuietAfter);
        return !_quiet;
    }

    public override int Read(Span<byte> buffer)
    {
        if (buffer.Length > 0 && !Poll(_quiet ? TimeSpan.Zero : QuietAfter))
        {
            onQuiet();
        }

        _quiet = false;
        return pipe.Read(buffer);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            pipe.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// Returns whether the pipe has data, or its end, within <paramref name="timeout"/>. A failed
    /// poll, such as one a signal interrupts, counts as data, so the read goes on as without a poll.
    /// </summary>
    private bool Poll(TimeSpan timeout)
    {
        var descriptor = new PollDescriptor { FileDescriptor = (int)pipe.SafeFileHandle.DangerousGetHandle(), Events = PollIn };
        try
        {
            return PollNative(ref descriptor, 1, (int)timeout.TotalMilliseconds) != 0;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return true;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollDescriptor
    {
        public int FileDescriptor;
        public short Events;
        public short ReturnedEvents;
    }

    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int PollNative(ref PollDescriptor descriptor, nuint count, int timeoutMilliseconds);
}
