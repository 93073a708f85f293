using System.Runtime.InteropServices;

namespace Vigil.Cli;

/// <summary>
/// Standard input, output and error as the process found them, for a command started with one of
/// them closed (<c>vigil hunt … &gt;&amp;-</c>, or a scheduler that closes it).
/// </summary>
/// <remarks>
/// <para>
/// A closed descriptor's number is the lowest free one, so the next file opened takes it. The .NET
/// runtime opens <c>/dev/urandom</c> before Main, so with standard output closed that file became
/// descriptor 1, and every write to standard output failed as a write to a file open for reading.
/// A file the command opened later could take a free number in the same way and receive what
/// was meant for standard output or error.
/// </para>
/// <para>
/// A descriptor that a parent passed on has no close-on-exec flag, because it would not have
/// survived exec with one, and the runtime opens its own files with the flag. So one of 0, 1 and 2
/// that is open with the flag was closed at start and belongs to the runtime now. It is left to
/// the runtime and counted as closed. One that is not open at all is opened on
/// <c>/dev/null</c>, so that no later file takes its number.
/// </para>
/// </remarks>
internal static class StandardDescriptors
{
    /// <summary>The errno of a descriptor that is not open (EBADF on Linux and macOS).</summary>
    public const int BadDescriptorErrno = 9;

    private const int GetDescriptorFlags = 1;
    private const int CloseOnExec = 1;
    private const int ReadWrite = 2;

    /// <summary>Whether standard input was closed when the process started.</summary>
    public static bool InputClosed { get; private set; }

    /// <summary>Whether standard output was closed when the process started.</summary>
    public static bool OutputClosed { get; private set; }

    /// <summary>Whether standard error was closed when the process started.</summary>
    public static bool ErrorClosed { get; private set; }

    /// <summary>Finds which of descriptors 0, 1 and 2 were closed at start. Call it first in Main.</summary>
    public static void Check()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        InputClosed = CheckDescriptor(0);
        OutputClosed = CheckDescriptor(1);
        ErrorClosed = CheckDescriptor(2);
    }

    /// <summary>The error of a write to standard output that was closed at start.</summary>
    public static IOException OutputClosedError() =>
        new("standard output was closed when vigil started (bad file descriptor)", BadDescriptorErrno);

    /// <summary>The error of a read of standard input that was closed at start.</summary>
    public static IOException InputClosedError() =>
        new("standard input was closed when vigil started (bad file descriptor)", BadDescriptorErrno);

    /// <summary>Returns whether <paramref name="descriptor"/> was closed at start, and opens a free one on /dev/null.</summary>
    private static bool CheckDescriptor(int descriptor)
    {
        var flags = FileControl(descriptor, GetDescriptorFlags);
        if (flags >= 0)
        {
            return (flags & CloseOnExec) != 0;
        }

        if (Marshal.GetLastPInvokeError() != BadDescriptorErrno)
        {
            return false;
        }

        // The lowest free number is this one, because lower descriptors are open by now.
        var opened = Open("/dev/null", ReadWrite);
        if (opened >= 0 && opened != descriptor)
        {
            _ = DuplicateTo(opened, descriptor);
            _ = Close(opened);
        }

        return true;
    }

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int FileControl(int descriptor, int command);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "dup2", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int DuplicateTo(int descriptor, int target);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int descriptor);
}
