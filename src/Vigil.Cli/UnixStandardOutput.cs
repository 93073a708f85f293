using System.Runtime.InteropServices;

namespace Vigil.Cli;

/// <summary>
/// Standard output on Unix, written with write(2) on descriptor 1. A <see cref="FileStream"/> on
/// descriptor 1 writes with pwrite(2) at an offset of its own, so in a file that other writers
/// share (<c>vigil hunt … &gt; out 2&gt;&amp;1</c>, or two commands in one redirected group) its
/// bytes overwrite theirs. write(2) uses the file's shared offset, as a shell's own commands do.
/// </summary>
internal sealed class UnixStandardOutput : Stream
{
    private const int StandardOutputDescriptor = 1;
    private const int InterruptedErrno = 4;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>
    /// Writes all of <paramref name="buffer"/>, calling write(2) again after a partial write or an
    /// interrupted call. Throws an <see cref="IOException"/> whose HResult is the errno, such as
    /// 32 (EPIPE) when the reader of a pipe has gone, which <see cref="ClosedPipe.Caused"/> reads.
    /// </summary>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        // Descriptor 1 is then /dev/null or a file of the runtime's, not the output the caller meant.
        if (StandardDescriptors.OutputClosed)
        {
            throw StandardDescriptors.OutputClosedError();
        }

        while (!buffer.IsEmpty)
        {
            var written = WriteNative(StandardOutputDescriptor, ref MemoryMarshal.GetReference(buffer), (nuint)buffer.Length);
            if (written >= 0)
            {
                buffer = buffer[(int)written..];
                continue;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno != InterruptedErrno)
            {
                throw new IOException(Marshal.GetPInvokeErrorMessage(errno), errno);
            }
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Standard output is a blocking descriptor, so an asynchronous write is a synchronous one.
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    // Every write goes to the descriptor at once, and a disk flush (fsync) is not what callers want.
    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint WriteNative(int fileDescriptor, ref byte buffer, nuint count);
}
