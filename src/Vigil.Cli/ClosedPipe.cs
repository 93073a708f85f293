namespace Vigil.Cli;

/// <summary>
/// Standard output that reports a reader gone away, so that <c>vigil hunt … | head</c> stops the
/// hunt instead of reading every file for alerts that no one will see.
/// </summary>
internal static class ClosedPipe
{
    // EPIPE is the error on Linux and macOS, and ERROR_BROKEN_PIPE or ERROR_NO_DATA on Windows.
    // NOTE: only the Linux code has been run; on Windows the console stream is kept, which may not raise either.
    private const int BrokenPipeErrno = 32;
    private const int WindowsBrokenPipe = unchecked((int)0x8007006D);
    private const int WindowsNoData = unchecked((int)0x800700E8);

    /// <summary>
    /// Returns standard output as a stream whose writes fail once its reader has closed the pipe.
    /// .NET's console stream ignores that failure on Unix, so there the stream calls write(2) itself.
    /// </summary>
    public static Stream StandardOutput() => OperatingSystem.IsWindows()
        ? Console.OpenStandardOutput()
        : new UnixStandardOutput();

    /// <summary>Whether <paramref name="exception"/>, or one it wraps, is a write to a pipe without a reader.</summary>
    public static bool Caused(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is IOException { HResult: BrokenPipeErrno or WindowsBrokenPipe or WindowsNoData })
            {
                return true;
            }
        }

        return false;
    }
}
